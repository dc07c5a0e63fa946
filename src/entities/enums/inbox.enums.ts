import { registerEnumType } from 'type-graphql';

export enum ChannelType {
  WHATSAPP = 'whatsapp',
  WEB_WIDGET = 'web_widget',
  EMAIL = 'email',
  INSTAGRAM = 'instagram',
  FACEBOOK = 'facebook',
  TWITTER = 'twitter',
  SMS = 'sms',
  TELEGRAM = 'telegram',
  API = 'api',
  LINE = 'line',
  TIKTOK = 'tiktok',
  VOICE = 'voice',
}

registerEnumType(ChannelType, {
  name: 'ChannelType',
  description: 'The kind of channel an inbox receives conversations from.',
  valuesConfig: {
    WHATSAPP: { description: 'WhatsApp (official Business API or an unofficial connection, see `Inbox.official`).' },
    WEB_WIDGET: { description: 'The chat widget embedded in a website.' },
    EMAIL: { description: 'An e-mail address.' },
    INSTAGRAM: { description: 'Instagram direct messages and comments.' },
    FACEBOOK: { description: 'Facebook Messenger and page comments.' },
    TWITTER: { description: 'Twitter/X direct messages and mentions.' },
    SMS: { description: 'SMS text messages.' },
    TELEGRAM: { description: 'Telegram.' },
    API: { description: 'A custom channel fed through the platform API.' },
    LINE: { description: 'LINE.' },
    TIKTOK: { description: 'TikTok direct messages.' },
    VOICE: { description: 'Voice calls (transcribed or logged as messages).' },
  },
});
