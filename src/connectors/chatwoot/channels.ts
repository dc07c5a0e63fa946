/**
 * Chatwoot's inbox channel types (`inboxes.channel_type`, the `channel` of a conversation payload)
 * and ours. Twilio inboxes may carry WhatsApp too, but the payload does not say which, so they are
 * SMS here; the import reads `channel_twilio_sms.medium` and knows better.
 */
const CHANNELS: Record<string, { channelType: string; medium: string }> = {
  'Channel::Whatsapp': { channelType: 'whatsapp', medium: 'WhatsApp' },
  'Channel::WebWidget': { channelType: 'web_widget', medium: 'Website' },
  'Channel::Email': { channelType: 'email', medium: 'Email' },
  'Channel::Instagram': { channelType: 'instagram', medium: 'Instagram' },
  'Channel::FacebookPage': { channelType: 'facebook', medium: 'Facebook' },
  'Channel::TwitterProfile': { channelType: 'twitter', medium: 'Twitter' },
  'Channel::TwilioSms': { channelType: 'sms', medium: 'SMS' },
  'Channel::Sms': { channelType: 'sms', medium: 'SMS' },
  'Channel::Telegram': { channelType: 'telegram', medium: 'Telegram' },
  'Channel::Api': { channelType: 'api', medium: 'API' },
  'Channel::Line': { channelType: 'line', medium: 'LINE' },
  'Channel::Tiktok': { channelType: 'tiktok', medium: 'TikTok' },
  'Channel::Voice': { channelType: 'voice', medium: 'Voice' },
};

export const CHATWOOT_CHANNEL_TYPES: readonly string[] = Object.keys(CHANNELS);

export function channelOf(chatwootType: string): { channelType: string; medium: string } | null {
  return CHANNELS[chatwootType] ?? null;
}
