// Settings of the update campaigns, read from the environment by the configuration
// (bot/server/config.ts, documented in README and .env.example). Never throws: an unusable value
// is reported in French and the default is kept.

export interface CampaignSettings {
  /** Days a link stays valid (ORIENTEUR_CAMPAGNE_VALIDITE_JOURS, 60). */
  linkDays: number;
  /** Days before a reminder (ORIENTEUR_CAMPAGNE_RELANCE_JOURS, 14). */
  reminderDays: number;
  /** Reminders at most per request (ORIENTEUR_CAMPAGNE_RELANCES_MAX, 2). */
  maxReminders: number;
  /** Seconds between two e-mails (ORIENTEUR_CAMPAGNE_INTERVALLE, 2): services' mail servers are small. */
  intervalSeconds: number;
  /** Commit each confirmation when the base folder is a git repository (ORIENTEUR_CAMPAGNE_GIT=1). */
  git: boolean;
  /** The running server sends due reminders itself, on working hours (ORIENTEUR_CAMPAGNE_RELANCES_AUTO=1); off by default. */
  autoReminders: boolean;
}

export const defaultCampaignSettings: CampaignSettings = {
  linkDays: 60,
  reminderDays: 14,
  maxReminders: 2,
  intervalSeconds: 2,
  git: false,
  autoReminders: false,
};

type Env = Record<string, string | undefined>;

/** The campaign settings in `env` and one French sentence per value that could not be used (for readConfig). */
export function readCampaignSettings(env: Env): { settings: CampaignSettings; problems: string[] } {
  const problems: string[] = [];
  const number = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const value = Number(raw.replace(",", "."));
    if (Number.isFinite(value) && value >= min && value <= max) return value;
    problems.push(`${name}=« ${raw} » n'est pas un nombre entre ${min} et ${max} : la valeur par défaut ${fallback} est utilisée.`);
    return fallback;
  };
  const flag = (name: string): boolean => /^(1|oui|true|vrai)$/i.test(env[name]?.trim() ?? "");
  return {
    settings: {
      linkDays: Math.round(number("ORIENTEUR_CAMPAGNE_VALIDITE_JOURS", defaultCampaignSettings.linkDays, 1, 365)),
      reminderDays: number("ORIENTEUR_CAMPAGNE_RELANCE_JOURS", defaultCampaignSettings.reminderDays, 0, 365),
      maxReminders: Math.round(number("ORIENTEUR_CAMPAGNE_RELANCES_MAX", defaultCampaignSettings.maxReminders, 0, 10)),
      intervalSeconds: number("ORIENTEUR_CAMPAGNE_INTERVALLE", defaultCampaignSettings.intervalSeconds, 0, 3600),
      git: flag("ORIENTEUR_CAMPAGNE_GIT"),
      autoReminders: flag("ORIENTEUR_CAMPAGNE_RELANCES_AUTO"),
    },
    problems,
  };
}
