// Settings of the update campaigns and their defaults. The configuration reads them from the
// environment (bot/server/config/environment.ts, documented in README and .env.example): an
// unusable value is reported in French there and the default is kept.

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
