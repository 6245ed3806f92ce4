// Progressive enhancement of the local page: without JavaScript the form submits and the
// server answers, in the same conversation (a hidden field), its options a form of buttons; with it, answers stack up in a conversation that understands follow-ups, and the
// options the bot offers (which commune? which need? more services) are buttons that send their
// number, as typing « 2 » would.
"use strict";
(function () {
  const form = document.getElementById("formulaire");
  const question = document.getElementById("question");
  const lieu = document.getElementById("lieu");
  const fil = document.getElementById("fil");
  const nouvelle = document.getElementById("nouvelle");
  // A page answered by the server (a choice made before this script ran) names its conversation.
  let conversation = form.elements.c.value || sessionStorage.getItem("orienteur-conversation") || "";
  if (form.elements.c.value) sessionStorage.setItem("orienteur-conversation", conversation);

  function add(questionText, html, isError) {
    const section = document.createElement("section");
    section.className = "echange";
    const asked = document.createElement("p");
    asked.className = "question";
    asked.textContent = questionText;
    const answer = document.createElement("div");
    answer.className = isError ? "reponse erreur" : "reponse";
    if (isError) answer.textContent = html;
    else answer.innerHTML = html; // rendered and escaped by the server (bot/render/html.ts)
    section.append(asked, answer);
    fil.append(section);
    if (!isError) offerChoices(answer);
    section.scrollIntoView({ behavior: "smooth", block: "start" });
  }

  /** Each option of the answer's numbered list becomes a button sending its number; earlier answers' options are spent. */
  function offerChoices(answer) {
    for (const old of fil.querySelectorAll("button.choix-bouton")) old.disabled = true;
    const list = answer.querySelector("ol.choix");
    if (!list) return;
    list.querySelectorAll("li").forEach((item, index) => {
      const label = item.textContent;
      const button = document.createElement("button");
      button.type = "button";
      button.className = "choix-bouton";
      button.textContent = label;
      button.addEventListener("click", () => send(String(index + 1), `${index + 1}. ${label}`));
      item.replaceChildren(button);
    });
  }

  // The options of an answer rendered by the server are a plain form (it works without this
  // script): here they answer in the thread instead of loading the page again.
  fil.addEventListener("submit", (event) => {
    const button = event.submitter;
    if (!event.target.matches("form.choix") || !button || !button.value) return;
    event.preventDefault();
    for (const old of fil.querySelectorAll("button.choix-bouton")) old.disabled = true;
    void send(button.value, `${button.value}. ${button.textContent}`);
  });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = question.value.trim();
    if (text) void send(text, text);
  });

  /** Sends `text` in the conversation; `shown` is how the question appears in the thread. */
  async function send(text, shown) {
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    button.textContent = "Recherche…";
    try {
      const response = await fetch("/api/ask", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ question: text, lieu: lieu.value.trim(), conversation }),
      });
      const data = await response.json();
      if (!response.ok) add(shown, data.erreur || "Erreur", true);
      else {
        conversation = data.conversation;
        sessionStorage.setItem("orienteur-conversation", conversation);
        add(shown, data.html, false);
        question.value = "";
        nouvelle.hidden = false;
      }
    } catch {
      add(shown, "Le serveur ne répond pas. Vérifiez qu'Orienteur tourne toujours, puis réessayez.", true);
    } finally {
      button.disabled = false;
      button.textContent = "Chercher";
      question.focus();
    }
  }

  question.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  nouvelle.addEventListener("click", () => {
    conversation = "";
    sessionStorage.removeItem("orienteur-conversation");
    fil.replaceChildren();
    nouvelle.hidden = true;
    question.focus();
  });
})();
