// A question to the web page's API whose body arrives in two parts: the request stays under way
// until `finish()` sends the rest. For what a stopping server does with a question it is reading.

/** POSTs « portage de repas à Clamecy » to `${url}/api/ask`, holding back the end of the body until `finish()`. */
export function slowQuestion(url: string): { response: Promise<Response>; finish: () => void } {
  let finish!: () => void;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('{"question": "portage de repas '));
      finish = () => {
        controller.enqueue(new TextEncoder().encode('à Clamecy"}'));
        controller.close();
      };
    },
  });
  const response = fetch(`${url}/api/ask`, { method: "POST", headers: { "content-type": "application/json" }, body, duplex: "half" } as RequestInit);
  return { response, finish };
}
