// Every French sentence the configuration says about an unusable environment variable, in one place
// so the wording can be reviewed as a whole. Each names the variable, what is wrong with its value
// and the fix, then what Orienteur does instead. The schema (environment.ts) refers to them by key.

/** What a sentence may say about the variable it reports. */
export interface ProblemContext {
  /** The variable, e.g. `ORIENTEUR_PORT`. */
  name: string;
  /** The value at fault, as read (one entry of a list); the sentences of secrets never quote it. */
  value: string;
  /** The value used instead, when the variable has one (its default). */
  used: unknown;
  /** Details the rule gave: bounds of a number, the default it falls back on. */
  params: { min?: number; max?: number; fallback?: number };
}

/** The French sentence of each rule of the schema, by key. */
export const problemTexts = {
  port: ({ name, value, used }: ProblemContext) => `${name}=« ${value} » n'est pas un port valide (nombre entre 1 et 65535) : la valeur par défaut ${String(used)} est utilisée.`,
  webAddress: ({ name, value }: ProblemContext) => `${name}=« ${value} » n'est pas une adresse web (elle doit commencer par https://).`,
  platformEntry: ({ name, value }: ProblemContext) => `${name} : « ${value} » doit commencer par la plateforme, par ex. « matrix:@marie:example.org », « slack:U0123 » ou « telegram:123456 ». Entrée ignorée.`,
  secret: () => "ORIENTEUR_SECRET est trop court : au moins 32 caractères aléatoires (ex. sortie de « openssl rand -hex 32 »). Un secret provisoire est utilisé.",
  // The value is not quoted: it may hold the mail server's password.
  smtpUrl: () => `SMTP_URL doit ressembler à smtp://utilisateur:motdepasse@serveur:587 (ou smtps://…) : les e-mails sont écrits dans var/courriels à la place.`,
  imapUrl: () => "ORIENTEUR_BOUNCE_IMAP_URL doit commencer par imap:// ou imaps:// (ex. imaps://retours%40example.org:motdepasse@imap.example.org/INBOX) : la boîte des retours n'est pas lue.",
  cadence: ({ value }: ProblemContext) => `ORIENTEUR_LETTRE_CADENCE=« ${value} » n'est pas reconnu : mensuelle, bimestrielle, trimestrielle ou aucune. Aucun brouillon automatique.`,
  maxPending: ({ value, used }: ProblemContext) => `ORIENTEUR_MAX_PENDING=« ${value} » n'est pas un nombre entier positif : la valeur par défaut ${String(used)} est utilisée.`,
  sendRate: ({ value, used }: ProblemContext) => `ORIENTEUR_SEND_RATE=« ${value} » n'est pas un nombre positif d'e-mails par seconde : la valeur par défaut ${String(used)} est utilisée.`,
  bounceLimit: ({ name, value, used }: ProblemContext) => `${name}=« ${value} » n'est pas un nombre entier d'au moins 1 : la valeur par défaut ${String(used)} est utilisée.`,
  logLevel: ({ value }: ProblemContext) => `LOG_LEVEL=« ${value} » n'est pas un niveau connu : ${LOG_LEVELS.join(", ")}. Le niveau par défaut (info) est utilisé.`,
  campaignNumber: ({ name, value, used, params }: ProblemContext) => `${name}=« ${value} » n'est pas un nombre entre ${String(params.min)} et ${String(params.max)} : la valeur par défaut ${String(used)} est utilisée.`,
  flag: ({ name, value }: ProblemContext) => `${name}=« ${value} » n'est pas compris : 1 (ou oui) pour activer, 0 (ou non) pour désactiver. Désactivé en attendant.`,
} satisfies Record<string, (context: ProblemContext) => string>;

export type ProblemKey = keyof typeof problemTexts;

/** pino's levels, from the quietest (LOG_LEVEL). */
export const LOG_LEVELS = ["silent", "fatal", "error", "warn", "info", "debug", "trace"] as const;

/** Sentences about settings that go together (a platform's credentials, DKIM). */
export const pairingTexts = {
  telegramWebhookSecret: "TELEGRAM_WEBHOOK_URL est défini mais TELEGRAM_WEBHOOK_SECRET manque ou contient d'autres caractères que A-Z, a-z, 0-9, _ et - : le bot utilise la scrutation (long polling) à la place.",
  slackMode: "SLACK_BOT_TOKEN est défini mais ni SLACK_APP_TOKEN (mode Socket, conseillé) ni SLACK_SIGNING_SECRET (mode HTTP) : Slack n'est pas démarré.",
  slackAppToken: "SLACK_APP_TOKEN doit commencer par « xapp- » (jeton d'application au niveau de l'app, avec la portée connections:write) : Slack n'est pas démarré.",
  matrix: "Matrix a besoin de MATRIX_HOMESERVER_URL (ex. https://matrix.agent.tchap.gouv.fr) et de MATRIX_ACCESS_TOKEN : l'un des deux manque ou est invalide, Matrix n'est pas démarré.",
  dkimTogether: "DKIM_DOMAIN, DKIM_SELECTOR et DKIM_PRIVATE_KEY vont ensemble : définissez les trois (ex. DKIM_DOMAIN=example.org, DKIM_SELECTOR=orienteur, DKIM_PRIVATE_KEY=/etc/orienteur/dkim.pem) ou aucun. Les e-mails partent sans signature DKIM.",
  dkimUnreadable: (reason: string) => `DKIM_PRIVATE_KEY n'a pas pu être lu (${reason}) : donnez la clé PEM elle-même ou le chemin d'un fichier lisible. Les e-mails partent sans signature DKIM.`,
};
