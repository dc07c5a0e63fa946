import type { TextPool } from './text';

export type Locale = 'pt-BR' | 'en';

/** Every channel type the schema allows; the order also pairs each medium with a special contact name. */
export const CHANNEL_TYPES = ['whatsapp', 'web_widget', 'email', 'instagram', 'facebook', 'twitter', 'sms', 'telegram', 'api'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

export const MEDIUM: Record<ChannelType, string> = {
  whatsapp: 'WhatsApp',
  web_widget: 'Web',
  email: 'Email',
  instagram: 'Instagram',
  facebook: 'Facebook',
  twitter: 'Twitter',
  sms: 'SMS',
  telegram: 'Telegram',
  api: 'API',
};

/** Where a public post lives: incoming social messages link back to it. */
export const POST_URL_BASE: Partial<Record<ChannelType, string>> = {
  instagram: 'https://www.instagram.com/p/',
  facebook: 'https://www.facebook.com/permalink.php?story_fbid=',
  twitter: 'https://x.com/i/status/',
};

export interface InboxProfile {
  channelType: ChannelType;
  name: string;
  displayName: string;
  provider: string | null;
  official: boolean;
  portfolio: string;
  senderNumber: string | null;
  server: string;
  team: string;
  virtualAgent: string;
  /** Relative share of the account's conversations. */
  weight: number;
}

export interface AgentProfile {
  name: string;
  email: string;
  reference: string;
  teams: string[];
  /** Resolves in bulk and assigns to others; member of every team. */
  supervisor?: boolean;
  /** A new hire: in teams and inboxes, but never signed in, so no presence and no conversations. */
  neverSignedIn?: boolean;
  shift: { kind: 'day' | 'night'; startHour: number; worksSaturday: boolean };
  /** The agent's latest presence interval stays open (the agent never signed off). */
  leavesPresenceOpen?: boolean;
  signInIp: string;
}

export interface AttributeProfile {
  name: string;
  type: 'default' | 'custom' | 'medium';
  /** Medium attributes only exist for contacts of this channel. */
  channelType?: ChannelType;
  chance: number;
  pool?: TextPool;
  /** Values made of digits instead of a pool, optionally reshaped by a regexp (e.g. a CPF). */
  digits?: { count: number; prefix?: string; pattern?: string; replacement?: string };
}

export interface AccountProfile {
  name: string;
  locale: Locale;
  timeZone: string;
  seed: number;
  /** Host of the agents' e-mail addresses and of the conversation URLs. */
  domain: string;
  phone: { countryCode: string; areaCodes: string[]; subscriberPrefix: string; subscriberDigits: number };
  awayStates: { lunch: string; breaks: string[]; night: string };
  teams: Array<{ key: string; name: string }>;
  agents: AgentProfile[];
  virtualAgents: Array<{ key: string; name: string; reference: string }>;
  /** In this order, canonical conversations take them in turn (dispatches: the WhatsApp ones). */
  inboxes: InboxProfile[];
  topics: Array<{ name: string; active: boolean }>;
  tags: Array<{ name: string; active: boolean }>;
  attributes: AttributeProfile[];
}

const day = (startHour: number, worksSaturday = false) => ({ kind: 'day' as const, startHour, worksSaturday });

const LOJA_AURORA: AccountProfile = {
  name: 'Loja Aurora Ltda',
  locale: 'pt-BR',
  timeZone: 'America/Sao_Paulo',
  seed: 17,
  domain: 'lojaaurora.com.br',
  phone: { countryCode: '55', areaCodes: ['11', '21', '31', '41', '51', '61', '71', '81'], subscriberPrefix: '9', subscriberDigits: 8 },
  awayStates: { lunch: 'Almoço', breaks: ['Reunião', 'Pausa café', 'Treinamento'], night: 'Pausa' },
  teams: [
    { key: 'care', name: 'Atendimento' },
    { key: 'social', name: 'Redes Sociais' },
    { key: 'billing', name: 'Cobrança' },
  ],
  agents: [
    {
      name: 'Ana Souza',
      email: 'ana.souza@lojaaurora.com.br',
      reference: 'FUNC-0001',
      teams: ['care', 'social', 'billing'],
      supervisor: true,
      shift: day(8),
      signInIp: '177.92.14.3',
    },
    {
      name: 'Bruno Lima',
      email: 'bruno.lima@lojaaurora.com.br',
      reference: 'FUNC-0107',
      teams: ['care'],
      shift: day(8, true),
      leavesPresenceOpen: true,
      signInIp: '200.147.35.18',
    },
    {
      name: 'Camila Rocha',
      email: 'camila.rocha@lojaaurora.com.br',
      reference: 'FUNC-0112',
      teams: ['care'],
      shift: day(9),
      signInIp: '189.45.200.7',
    },
    {
      name: "Diego D'Ávila",
      email: 'diego.davila@lojaaurora.com.br',
      reference: 'FUNC-0120',
      teams: ['care', 'social'],
      shift: { kind: 'night', startHour: 22, worksSaturday: true },
      signInIp: '2804:14c:65:8f00::1a',
    },
    {
      name: 'Fernanda Costa',
      email: 'fernanda.costa@lojaaurora.com.br',
      reference: 'FUNC-0131',
      teams: ['social'],
      shift: day(10),
      leavesPresenceOpen: true,
      signInIp: '177.92.14.77',
    },
    {
      name: 'Gustavo Pereira',
      email: 'gustavo.pereira@lojaaurora.com.br',
      reference: 'FUNC-0135',
      teams: ['social'],
      shift: day(9, true),
      signInIp: '201.6.120.44',
    },
    {
      name: 'Helena Martins',
      email: 'helena.martins@lojaaurora.com.br',
      reference: 'FUNC-0142',
      teams: ['billing'],
      shift: day(8),
      signInIp: '187.10.2.91',
    },
    {
      name: 'Igor Santos',
      email: 'igor.santos@lojaaurora.com.br',
      reference: 'FUNC-0150',
      teams: ['billing'],
      shift: day(10, true),
      leavesPresenceOpen: true,
      signInIp: '179.218.5.60',
    },
    {
      name: 'Júlia Nogueira',
      email: 'julia.nogueira@lojaaurora.com.br',
      reference: 'FUNC-0163',
      teams: ['care'],
      neverSignedIn: true,
      shift: day(9),
      signInIp: '177.92.14.5',
    },
  ],
  virtualAgents: [
    { key: 'main', name: 'Aurora Bot 🤖', reference: 'VA-AURORA' },
    { key: 'billing', name: 'Assistente de Cobrança', reference: 'VA-COBRANCA' },
  ],
  inboxes: [
    {
      channelType: 'whatsapp',
      name: 'WhatsApp Varejo',
      displayName: 'Loja Aurora',
      provider: 'Meta Cloud API',
      official: true,
      portfolio: 'Varejo',
      senderNumber: '+55 11 4002-8922',
      server: 'chat-01.sa-east-1',
      team: 'care',
      virtualAgent: 'main',
      weight: 30,
    },
    {
      channelType: 'whatsapp',
      name: 'WhatsApp Loja Centro',
      displayName: 'Aurora Centro',
      provider: 'Z-API',
      official: false,
      portfolio: 'Varejo',
      senderNumber: '+55 11 97777-0001',
      server: 'chat-02.sa-east-1',
      team: 'care',
      virtualAgent: 'main',
      weight: 8,
    },
    {
      channelType: 'whatsapp',
      name: 'WhatsApp Cobrança',
      displayName: 'Aurora Cobrança',
      provider: 'Gupshup',
      official: true,
      portfolio: 'Cobrança',
      senderNumber: '+55 11 3003-1234',
      server: 'chat-02.sa-east-1',
      team: 'billing',
      virtualAgent: 'billing',
      weight: 12,
    },
    {
      channelType: 'web_widget',
      name: 'Site lojaaurora.com.br',
      displayName: 'Chat do site',
      provider: null,
      official: true,
      portfolio: 'Varejo',
      senderNumber: null,
      server: 'chat-01.sa-east-1',
      team: 'care',
      virtualAgent: 'main',
      weight: 12,
    },
    {
      channelType: 'email',
      name: 'E-mail sac@lojaaurora.com.br',
      displayName: 'SAC por e-mail',
      provider: 'Amazon SES',
      official: true,
      portfolio: 'Cobrança',
      senderNumber: null,
      server: 'chat-01.sa-east-1',
      team: 'billing',
      virtualAgent: 'billing',
      weight: 8,
    },
    {
      channelType: 'instagram',
      name: 'Instagram @lojaaurora',
      displayName: '@lojaaurora',
      provider: 'Meta Graph API',
      official: true,
      portfolio: 'Marketing',
      senderNumber: null,
      server: 'chat-01.sa-east-1',
      team: 'social',
      virtualAgent: 'main',
      weight: 8,
    },
    {
      channelType: 'facebook',
      name: 'Facebook Loja Aurora',
      displayName: 'Loja Aurora no Facebook',
      provider: 'Meta Graph API',
      official: true,
      portfolio: 'Marketing',
      senderNumber: null,
      server: 'chat-01.sa-east-1',
      team: 'social',
      virtualAgent: 'main',
      weight: 5,
    },
    {
      channelType: 'twitter',
      name: 'X/Twitter @lojaaurora',
      displayName: '@lojaaurora no X',
      provider: 'X API v2',
      official: true,
      portfolio: 'Marketing',
      senderNumber: null,
      server: 'chat-02.sa-east-1',
      team: 'social',
      virtualAgent: 'main',
      weight: 3,
    },
    {
      channelType: 'sms',
      name: 'SMS Cobrança',
      displayName: 'Aurora SMS',
      provider: 'Twilio',
      official: true,
      portfolio: 'Cobrança',
      senderNumber: '+55 11 2844-5566',
      server: 'chat-02.sa-east-1',
      team: 'billing',
      virtualAgent: 'billing',
      weight: 4,
    },
    {
      channelType: 'telegram',
      name: 'Telegram @AuroraLojaBot',
      displayName: 'Aurora no Telegram',
      provider: 'Telegram Bot API',
      official: true,
      portfolio: 'Varejo',
      senderNumber: null,
      server: 'chat-01.sa-east-1',
      team: 'care',
      virtualAgent: 'main',
      weight: 3,
    },
    {
      channelType: 'api',
      name: 'API App Aurora',
      displayName: 'App Loja Aurora',
      provider: 'API própria',
      official: true,
      portfolio: 'Varejo',
      senderNumber: null,
      server: 'chat-01.sa-east-1',
      team: 'care',
      virtualAgent: 'main',
      weight: 4,
    },
  ],
  topics: [
    { name: 'Entrega', active: true },
    { name: 'Troca e devolução', active: true },
    { name: 'Pagamento', active: true },
    { name: 'Cancelamento', active: true },
    { name: 'Promoção Black Friday 2024', active: false },
    { name: 'Dúvida sobre produto', active: true },
    { name: 'Reclamação', active: true },
    { name: 'Cupom, desconto; frete', active: true },
    { name: 'Legado: pedidos antigos', active: false },
  ],
  tags: [
    { name: 'urgente', active: true },
    { name: 'vip', active: true },
    { name: 'spam', active: false },
    { name: 'reembolso', active: true },
    { name: 'elogio', active: true },
    { name: 'bug no app', active: true },
    { name: '"aspas", vírgula', active: true },
    { name: 'sem resposta', active: false },
  ],
  attributes: [
    { name: 'Cidade', type: 'default', chance: 0.8, pool: 'city' },
    { name: 'Empresa', type: 'default', chance: 0.4, pool: 'company' },
    { name: 'Plano', type: 'custom', chance: 0.6, pool: 'plan' },
    {
      name: 'CPF',
      type: 'custom',
      chance: 0.5,
      digits: { count: 11, pattern: '^(\\d{3})(\\d{3})(\\d{3})(\\d{2})$', replacement: '\\1.\\2.\\3-\\4' },
    },
    { name: 'Observações', type: 'custom', chance: 0.3, pool: 'attribute_note' },
    { name: 'whatsapp_opt_in', type: 'medium', channelType: 'whatsapp', chance: 1, pool: 'yes_no' },
    { name: 'instagram_seguidores', type: 'medium', channelType: 'instagram', chance: 1, digits: { count: 4 } },
    { name: 'twitter_verificado', type: 'medium', channelType: 'twitter', chance: 1, pool: 'yes_no' },
    { name: 'navegador', type: 'medium', channelType: 'web_widget', chance: 1, pool: 'browser' },
  ],
};

const NORTHWIND: AccountProfile = {
  name: 'Northwind Support',
  locale: 'en',
  timeZone: 'America/New_York',
  seed: 29,
  domain: 'northwind.example',
  phone: { countryCode: '1', areaCodes: ['212', '305', '312', '415', '617', '646', '718'], subscriberPrefix: '2', subscriberDigits: 6 },
  awayStates: { lunch: 'Lunch', breaks: ['Meeting', 'Coffee break', 'Training'], night: 'Break' },
  teams: [
    { key: 'care', name: 'Customer Care' },
    { key: 'social', name: 'Social Media' },
    { key: 'billing', name: 'Billing' },
  ],
  agents: [
    {
      name: 'Alice Carter',
      email: 'alice.carter@northwind.example',
      reference: 'EMP-1001',
      teams: ['care', 'social', 'billing'],
      supervisor: true,
      shift: day(8),
      signInIp: '73.12.44.10',
    },
    {
      name: 'Brian Walsh',
      email: 'brian.walsh@northwind.example',
      reference: 'EMP-1042',
      teams: ['care'],
      shift: day(8, true),
      leavesPresenceOpen: true,
      signInIp: '98.210.7.33',
    },
    {
      name: 'Chloé Martin',
      email: 'chloe.martin@northwind.example',
      reference: 'EMP-1057',
      teams: ['care'],
      shift: day(9),
      signInIp: '24.5.120.9',
    },
    {
      name: "Patrick O'Brien",
      email: 'patrick.obrien@northwind.example',
      reference: 'EMP-1063',
      teams: ['care', 'social'],
      shift: { kind: 'night', startHour: 22, worksSaturday: true },
      signInIp: '2601:18c:8002::7',
    },
    {
      name: 'Zoë "Z" Chen',
      email: 'zoe.chen@northwind.example',
      reference: 'EMP-1078',
      teams: ['social'],
      shift: day(10),
      leavesPresenceOpen: true,
      signInIp: '73.12.44.81',
    },
    {
      name: 'Marcus Reed',
      email: 'marcus.reed@northwind.example',
      reference: 'EMP-1080',
      teams: ['social'],
      shift: day(9, true),
      signInIp: '71.190.3.22',
    },
    {
      name: 'Hannah Lee',
      email: 'hannah.lee@northwind.example',
      reference: 'EMP-1091',
      teams: ['billing'],
      shift: day(8),
      signInIp: '108.26.14.5',
    },
    {
      name: 'Ivan Petrov',
      email: 'ivan.petrov@northwind.example',
      reference: 'EMP-1104',
      teams: ['billing'],
      shift: day(10, true),
      leavesPresenceOpen: true,
      signInIp: '96.224.61.70',
    },
    {
      name: 'Julia Park',
      email: 'julia.park@northwind.example',
      reference: 'EMP-1120',
      teams: ['care'],
      neverSignedIn: true,
      shift: day(9),
      signInIp: '73.12.44.12',
    },
  ],
  virtualAgents: [
    { key: 'main', name: 'Northwind Assistant 🤖', reference: 'VA-NW-MAIN' },
    { key: 'billing', name: 'Billing Bot', reference: 'VA-NW-BILLING' },
  ],
  inboxes: [
    {
      channelType: 'whatsapp',
      name: 'WhatsApp Retail',
      displayName: 'Northwind',
      provider: 'Meta Cloud API',
      official: true,
      portfolio: 'Retail',
      senderNumber: '+1 415 555 0100',
      server: 'chat-01.us-east-1',
      team: 'care',
      virtualAgent: 'main',
      weight: 30,
    },
    {
      channelType: 'whatsapp',
      name: 'WhatsApp Downtown Store',
      displayName: 'Northwind Downtown',
      provider: 'WPPConnect',
      official: false,
      portfolio: 'Retail',
      senderNumber: '+1 646 555 0177',
      server: 'chat-02.us-east-1',
      team: 'care',
      virtualAgent: 'main',
      weight: 8,
    },
    {
      channelType: 'whatsapp',
      name: 'WhatsApp Collections',
      displayName: 'Northwind Billing',
      provider: 'Twilio',
      official: true,
      portfolio: 'Collections',
      senderNumber: '+1 415 555 0101',
      server: 'chat-02.us-east-1',
      team: 'billing',
      virtualAgent: 'billing',
      weight: 12,
    },
    {
      channelType: 'web_widget',
      name: 'Website northwind.example',
      displayName: 'Website chat',
      provider: null,
      official: true,
      portfolio: 'Retail',
      senderNumber: null,
      server: 'chat-01.us-east-1',
      team: 'care',
      virtualAgent: 'main',
      weight: 12,
    },
    {
      channelType: 'email',
      name: 'Email help@northwind.example',
      displayName: 'Help desk e-mail',
      provider: 'SendGrid',
      official: true,
      portfolio: 'Collections',
      senderNumber: null,
      server: 'chat-01.us-east-1',
      team: 'billing',
      virtualAgent: 'billing',
      weight: 8,
    },
    {
      channelType: 'instagram',
      name: 'Instagram @northwind',
      displayName: '@northwind',
      provider: 'Meta Graph API',
      official: true,
      portfolio: 'Marketing',
      senderNumber: null,
      server: 'chat-01.us-east-1',
      team: 'social',
      virtualAgent: 'main',
      weight: 8,
    },
    {
      channelType: 'facebook',
      name: 'Facebook Northwind',
      displayName: 'Northwind on Facebook',
      provider: 'Meta Graph API',
      official: true,
      portfolio: 'Marketing',
      senderNumber: null,
      server: 'chat-01.us-east-1',
      team: 'social',
      virtualAgent: 'main',
      weight: 5,
    },
    {
      channelType: 'twitter',
      name: 'X/Twitter @northwind',
      displayName: '@northwind on X',
      provider: 'X API v2',
      official: true,
      portfolio: 'Marketing',
      senderNumber: null,
      server: 'chat-02.us-east-1',
      team: 'social',
      virtualAgent: 'main',
      weight: 3,
    },
    {
      channelType: 'sms',
      name: 'SMS Collections',
      displayName: 'Northwind SMS',
      provider: 'Twilio',
      official: true,
      portfolio: 'Collections',
      senderNumber: '+1 415 555 0102',
      server: 'chat-02.us-east-1',
      team: 'billing',
      virtualAgent: 'billing',
      weight: 4,
    },
    {
      channelType: 'telegram',
      name: 'Telegram @NorthwindBot',
      displayName: 'Northwind on Telegram',
      provider: 'Telegram Bot API',
      official: true,
      portfolio: 'Retail',
      senderNumber: null,
      server: 'chat-01.us-east-1',
      team: 'care',
      virtualAgent: 'main',
      weight: 3,
    },
    {
      channelType: 'api',
      name: 'API Northwind app',
      displayName: 'Northwind app',
      provider: 'In-house API',
      official: true,
      portfolio: 'Retail',
      senderNumber: null,
      server: 'chat-01.us-east-1',
      team: 'care',
      virtualAgent: 'main',
      weight: 4,
    },
  ],
  topics: [
    { name: 'Delivery', active: true },
    { name: 'Returns & exchanges', active: true },
    { name: 'Payment', active: true },
    { name: 'Cancellation', active: true },
    { name: 'Black Friday 2024 promo', active: false },
    { name: 'Product question', active: true },
    { name: 'Complaint', active: true },
    { name: 'Coupon, discount; shipping', active: true },
    { name: 'Legacy: old orders', active: false },
  ],
  tags: [
    { name: 'urgent', active: true },
    { name: 'vip', active: true },
    { name: 'spam', active: false },
    { name: 'refund', active: true },
    { name: 'praise', active: true },
    { name: 'app bug', active: true },
    { name: '"quoted", tag', active: true },
    { name: 'no reply', active: false },
  ],
  attributes: [
    { name: 'City', type: 'default', chance: 0.8, pool: 'city' },
    { name: 'Company', type: 'default', chance: 0.4, pool: 'company' },
    { name: 'Plan', type: 'custom', chance: 0.6, pool: 'plan' },
    { name: 'Customer number', type: 'custom', chance: 0.5, digits: { count: 6, prefix: 'NW-' } },
    { name: 'Notes', type: 'custom', chance: 0.3, pool: 'attribute_note' },
    { name: 'whatsapp_opt_in', type: 'medium', channelType: 'whatsapp', chance: 1, pool: 'yes_no' },
    { name: 'instagram_followers', type: 'medium', channelType: 'instagram', chance: 1, digits: { count: 4 } },
    { name: 'twitter_verified', type: 'medium', channelType: 'twitter', chance: 1, pool: 'yes_no' },
    { name: 'browser', type: 'medium', channelType: 'web_widget', chance: 1, pool: 'browser' },
  ],
};

export const ACCOUNT_PROFILES: readonly AccountProfile[] = [LOJA_AURORA, NORTHWIND];
