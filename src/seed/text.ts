import type { Locale } from './accounts';

/**
 * Sample strings per locale, drawn by the SQL generator. Several of them are chosen to break naive
 * CSV writers and spreadsheet imports: double quotes, commas, semicolons (the Brazilian Excel
 * delimiter), \n and \r\n line breaks, tabs, emoji, accents, and values starting with = + - @
 * (formula injection). They sit early in their pools so that even a small seed uses them.
 */
export type TextPool =
  | 'greeting'
  | 'question'
  | 'detail'
  | 'thanks'
  | 'solved_already'
  | 'comeback'
  | 'dispatch_answer'
  | 'caption'
  | 'location'
  | 'file_name'
  | 'agent_first'
  | 'agent_reply'
  | 'agent_proactive'
  | 'va_reply'
  | 'va_close'
  | 'auto_reply'
  | 'note'
  | 'activity'
  | 'csat_survey'
  | 'handover'
  | 'handover_error'
  | 'handover_auto'
  | 'resolve_reason'
  | 'resolve_comment'
  | 'va_resolve_reason'
  | 'bulk_reason'
  | 'auto_resolve_reason'
  | 'automation_reason'
  | 'csat_question'
  | 'csat_answer'
  | 'failure_reason'
  | 'first_name'
  | 'last_name'
  | 'special_contact'
  | 'email_domain'
  | 'city'
  | 'company'
  | 'plan'
  | 'attribute_note'
  | 'yes_no'
  | 'browser';

export interface Template {
  name: string;
  body: string;
}

export interface LocaleTexts {
  pools: Record<TextPool, readonly string[]>;
  /** WhatsApp templates of the dispatches (name as approved by Meta, body as sent). */
  templates: readonly Template[];
}

const PT_BR: LocaleTexts = {
  pools: {
    greeting: [
      'Oi, boa tarde!',
      '@suporte vocês estão aí?',
      'Olá, tudo bem? 😊',
      'Bom dia',
      'Boa noite, alguém pode me ajudar?',
      'Oii 👋',
      'Olá! Preciso de ajuda, por favor',
    ],
    question: [
      'Meu pedido #48213 ainda não chegou, o prazo era ontem.',
      '-1 reembolso? Pedi o estorno e só voltou parte do valor',
      '+55 11 98888-7777 é o meu número novo, podem atualizar?',
      '=1+1 aparece no lugar do preço no app',
      'Olá,\nfiz o pedido ontem\ne ainda não recebi o e-mail de confirmação',
      'Endereço de entrega:\r\nRua das Acácias, 45, apto 12\r\nCampinas - SP',
      '\tO cupom "BLACK10" não funciona',
      'Recebi a cobrança em dobro; valor R$ 1.299,90, duas vezes!',
      'Comprei um tênis tamanho 42, mas veio 40. Como faço a troca?',
      'O produto chegou quebrado 😡📦',
      'Quero cancelar a assinatura, não uso mais.',
      'Vocês entregam em Ribeirão Preto, SP?',
      'Qual o prazo de entrega para o CEP 01310-100?',
      'O boleto venceu, consigo pagar com "juros zero"?',
    ],
    detail: [
      'O número do pedido é 48213.',
      'Segue o comprovante; paguei via Pix às 14h.',
      'É o endereço de sempre, "Rua Augusta, 1500".',
      'Já tentei limpar o cache do app, não resolveu.',
      'Meu CPF é 123.456.789-09',
      'Pode ser até sexta-feira?',
      'Tá, vou aguardar então…',
      'Ah, e o código de rastreio é BR123456789BR',
    ],
    thanks: ['Obrigado!', 'Valeu, resolveu 👍', 'Perfeito, muito obrigada!', 'Beleza; obrigado', 'Ótimo atendimento, parabéns!'],
    solved_already: ['Deixa pra lá, já consegui resolver sozinho.', 'Esquece, o pedido chegou agora 😅', 'Já vi aqui no app, obrigado'],
    comeback: [
      'Oi de novo, o problema voltou 😕',
      'Ainda não chegou, vocês disseram que resolveriam',
      'Voltei: a troca não foi registrada.',
      'Recebi outra cobrança, mesmo problema de antes',
    ],
    dispatch_answer: [
      'Sim, quero confirmar',
      'SIM',
      'Quem é?',
      'Pode me ligar mais tarde?',
      'Já paguei, segue comprovante',
      'Não tenho interesse, obrigado',
    ],
    caption: ['Foto do produto danificado', 'Print do erro no app', 'Comprovante "Pix", R$ 89,90', 'Etiqueta da caixa'],
    location: ['-23.5614,-46.6559', 'https://maps.google.com/?q=-22.9068,-43.1729', 'Av. Paulista, 1578 - São Paulo'],
    file_name: ['nota_fiscal_48213.pdf', 'boleto-outubro.pdf', 'contrato; versão final.docx', 'foto produto.jpg'],
    agent_first: [
      'Oi! Tudo bem? Vou verificar seu pedido agora mesmo.',
      'Boa tarde! Obrigado pelo contato, já estou olhando aqui.',
      'Olá, como posso ajudar?',
      'Oi! Pode me passar o número do pedido, por favor?',
    ],
    agent_reply: [
      'Sinto muito pelo transtorno 🙏\nJá abri um chamado com a transportadora.',
      'O cupom "BLACK10" expirou em 30/11, mas liberei outro: AURORA5.',
      'Verifiquei aqui: o pedido saiu para entrega hoje e chega até as 18h.',
      'A troca foi aprovada. Você receberá um e-mail com a etiqueta de postagem.',
      'Estornei o valor; em até 2 faturas aparece o crédito.',
      'Consegue me enviar uma foto da etiqueta?',
      'Cancelamento feito ✅',
      'Prazo: 3 a 5 dias úteis, frete grátis acima de R$ 199,90.',
      'Atualizei o número para +55 11 98888-7777.',
    ],
    agent_proactive: [
      'Oi! Passando para saber se conseguiu verificar.',
      'Olá, estamos aguardando o comprovante para seguir.',
      'Bom dia! Alguma novidade sobre a entrega?',
    ],
    va_reply: [
      'Olá! Sou a assistente virtual da Loja Aurora 🤖. Em que posso ajudar?',
      'Entendi. Você quer: 1) Rastrear pedido; 2) Trocas; 3) Falar com atendente',
      'Para rastrear, me informe o número do pedido.',
      'Vou transferir para um atendente humano, só um instante.',
    ],
    va_close: [
      'Seu pedido está em trânsito e chega amanhã. Posso ajudar em algo mais?',
      'Pronto! Segunda via do boleto enviada para o seu e-mail.',
      'Troca registrada com sucesso ✅',
    ],
    auto_reply: [
      'Nosso horário de atendimento é de segunda a sábado, das 8h às 20h. Responderemos assim que possível.',
      'Recebemos sua mensagem! Em breve um atendente falará com você.',
    ],
    note: [
      'Cliente VIP, priorizar.',
      '=CONCAT("nota";"interna")',
      'Verificar com logística; transportadora "Rápido Sul".',
      'Já houve 2 reclamações deste pedido\nescalar se voltar',
      'Estorno parcial: -R$ 50,00',
    ],
    activity: ['Conversa resolvida pelo agente', 'Conversa marcada como resolvida'],
    csat_survey: ['Como você avalia nosso atendimento? Responda de 1 a 5.'],
    handover: ['Cliente pediu atendente humano', 'Assunto fora do escopo do bot', 'Pedido de troca requer análise'],
    handover_error: ['Erro na integração com o ERP', 'Timeout ao consultar pedido', 'Intenção não reconhecida 3 vezes'],
    handover_auto: ['Fora do horário de atendimento', 'Fila de espera'],
    resolve_reason: ['Dúvida esclarecida', 'Troca realizada', 'Reembolso efetuado', 'Pedido entregue', 'Cliente não respondeu'],
    resolve_comment: [
      'Cliente satisfeito, "caso encerrado".',
      '+ enviado cupom AURORA5',
      'Reembolso de R$ 89,90; protocolo 2024-118',
      'Orientado a aguardar 48h\r\nretornar se não chegar',
      '-sem observações-',
    ],
    va_resolve_reason: ['Resolvido pelo assistente virtual'],
    bulk_reason: ['Limpeza de fila (resolução em massa)'],
    auto_resolve_reason: ['Resolvida automaticamente por inatividade'],
    automation_reason: ['Regra de automação: campanha encerrada'],
    csat_question: ['O que podemos melhorar?', 'Por que você deu essa nota?'],
    csat_answer: [
      '=) tudo certo',
      'Atendente muito educada 👏',
      'Poderiam responder mais rápido; esperei 30 min',
      '"Perfeito", nada a melhorar',
      'Demorou,\nmas resolveram.',
    ],
    failure_reason: [
      '131026: mensagem não entregue (número sem WhatsApp)',
      '131047: janela de 24h expirada',
      '132001: template não aprovado',
      'Número inválido',
    ],
    first_name: [
      'Ana',
      'Bruno',
      'Carla',
      'Daniel',
      'Eduarda',
      'Felipe',
      'Gabriela',
      'Henrique',
      'Isabela',
      'João',
      'Karina',
      'Lucas',
      'Mariana',
      'Otávio',
      'Patrícia',
      'Rafael',
      'Sabrina',
      'Thiago',
      'Vitória',
      'Érica',
      'Luíza',
      'Conceição',
    ],
    last_name: [
      'Silva',
      'Santos',
      'Oliveira',
      'Souza',
      'Rodrigues',
      'Ferreira',
      'Alves',
      'Pereira',
      'Lima',
      'Gomes',
      'Araújo',
      'Gonçalves',
      'Magalhães',
      'Assunção',
      'Brandão',
    ],
    // One per channel, in CHANNEL_TYPES order: the first contact of each medium carries it.
    special_contact: [
      '=HYPERLINK("http://x")',
      'João "Joca" da Silva, Jr.',
      'Maria; José & Filhos Ltda',
      '@mariana.oliveira',
      '-Ana- Paula',
      '+55 (11) 4002-8922 Central',
      '\tTabulação Inicial',
      'Zé 😀 Conceição 🇧🇷',
      'Linha1\nLinha2 Ltda',
    ],
    email_domain: ['gmail.com', 'hotmail.com', 'uol.com.br', 'yahoo.com.br', 'outlook.com', 'bol.com.br'],
    city: ['São Paulo', 'Ribeirão Preto, SP', 'Rio de Janeiro', 'Belo Horizonte', 'Porto Alegre', 'Florianópolis', 'Recife', 'Goiânia'],
    company: ['Mercadinho "Bom Preço"', 'Tech; Soluções ME', 'Padaria Pão de Açúcar', 'Autônomo'],
    plan: ['Básico', 'Premium', 'Aurora+ (anual)'],
    attribute_note: [
      '=SE(A1>0;"sim";"não")',
      '\tRecado com tabulação',
      'Cliente desde 2019,\nsempre pagou em dia',
      '@gerente: verificar limite',
      'Prefere contato por WhatsApp',
    ],
    yes_no: ['sim', 'não'],
    browser: ['Chrome 131 / Android', 'Safari 18 / iOS', 'Firefox 133 / Windows'],
  },
  templates: [
    { name: 'confirmacao_pedido', body: 'Olá! Seu pedido 48213 foi confirmado ✅. Acompanhe em https://aurora.example/p/48213' },
    { name: 'lembrete_boleto', body: 'Oi! Seu boleto de R$ 349,90 vence amanhã; precisa da 2ª via? Responda "SIM".' },
    { name: 'pesquisa_satisfacao', body: 'Como foi sua experiência com a Loja Aurora?\nResponda de 1 a 5.' },
    { name: 'promocao_black_friday', body: 'Black Friday Aurora: até 50% OFF, frete grátis acima de R$ 199,90 🛍️' },
    { name: 'cobranca_atraso', body: 'Identificamos uma pendência de R$ 89,90. Responda esta mensagem para negociar.' },
  ],
};

const EN: LocaleTexts = {
  pools: {
    greeting: [
      'Hi there!',
      '@support are you there?',
      'Hello, hope you are well 😊',
      'Good morning',
      'Hey, can anyone help me?',
      'Hi 👋',
      'Hello! I need some help, please',
    ],
    question: [
      "My order #48213 still hasn't arrived, it was due yesterday.",
      '-1 refund? I asked for a refund and only part of it came back',
      '+1 415 555 0199 is my new number, can you update it?',
      '=1+1 shows up instead of the price in the app',
      'Hello,\nI ordered yesterday\nand never got the confirmation e-mail',
      'Delivery address:\r\n221B Baker St, Apt 2\r\nBoston, MA',
      '\tThe coupon "FALL10" does not work',
      'I was charged twice; $1,299.90, two times!',
      'I bought size 10 sneakers but got size 9. How do I exchange them?',
      'The item arrived broken 😡📦',
      "I want to cancel my subscription, I don't use it anymore.",
      'Do you ship to Anchorage, AK?',
      'How long does shipping take to ZIP 10001?',
      'My invoice is overdue, can I still pay with "no late fee"?',
    ],
    detail: [
      'The order number is 48213.',
      'Here is the receipt; I paid by card at 2pm.',
      'It is the usual address, "500 Main St, Suite 3".',
      "I already cleared the app cache, didn't help.",
      'My customer number is NW-0042',
      'Could it be done by Friday?',
      "OK, I'll wait then…",
      'Oh, and the tracking code is 1Z999AA10123456784',
    ],
    thanks: ['Thanks!', 'Great, that fixed it 👍', 'Perfect, thank you so much!', 'Cool; thanks', 'Excellent service, well done!'],
    solved_already: ['Never mind, I sorted it out myself.', 'Forget it, the package just arrived 😅', 'Found it in the app, thanks'],
    comeback: [
      'Hi again, the problem is back 😕',
      "Still hasn't arrived, you said you would fix it",
      'Back again: the exchange was not registered.',
      'I got another charge, same problem as before',
    ],
    dispatch_answer: [
      'Yes, I confirm',
      'YES',
      'Who is this?',
      'Can you call me later?',
      'Already paid, here is the receipt',
      'Not interested, thanks',
    ],
    caption: ['Photo of the damaged item', 'Screenshot of the app error', 'Receipt "card", $89.90', 'Box label'],
    location: ['-33.8688,151.2093', 'https://maps.google.com/?q=40.7128,-74.0060', '1600 Amphitheatre Pkwy, Mountain View'],
    file_name: ['invoice_48213.pdf', 'statement-october.pdf', 'contract; final version.docx', 'product photo.jpg'],
    agent_first: [
      'Hi! Let me check your order right away.',
      "Good afternoon! Thanks for reaching out, I'm looking into it.",
      'Hello, how can I help?',
      'Hi! Could you send me the order number, please?',
    ],
    agent_reply: [
      'Sorry for the trouble 🙏\nI opened a claim with the carrier.',
      'The coupon "FALL10" expired on 11/30, but I issued another one: NORTH5.',
      'I checked: your order is out for delivery and arrives by 6pm.',
      'The exchange is approved. You will get an e-mail with the return label.',
      'I refunded the amount; it shows up within 2 statements.',
      'Could you send me a photo of the label?',
      'Cancellation done ✅',
      'Shipping: 3 to 5 business days, free over $199.90.',
      'I updated your number to +1 415 555 0199.',
    ],
    agent_proactive: [
      'Hi! Just checking whether you had a chance to look.',
      'Hello, we are waiting for the receipt to proceed.',
      'Good morning! Any news about the delivery?',
    ],
    va_reply: [
      "Hi! I'm the Northwind virtual assistant 🤖. How can I help?",
      'Got it. Do you want to: 1) Track an order; 2) Exchanges; 3) Talk to an agent',
      'To track, please tell me your order number.',
      "I'll hand you over to a human agent, one moment.",
    ],
    va_close: [
      'Your order is in transit and arrives tomorrow. Anything else?',
      'Done! A copy of the invoice was sent to your e-mail.',
      'Exchange registered successfully ✅',
    ],
    auto_reply: [
      'Our support hours are Monday to Saturday, 8am to 8pm. We will reply as soon as possible.',
      'We got your message! An agent will be with you shortly.',
    ],
    note: [
      'VIP customer, prioritise.',
      '=CONCAT("internal","note")',
      'Check with logistics; carrier "Rapid East".',
      'Two complaints about this order already\nescalate if it comes back',
      'Partial refund: -$50.00',
    ],
    activity: ['Conversation resolved by the agent', 'Conversation marked as resolved'],
    csat_survey: ['How would you rate our support? Reply from 1 to 5.'],
    handover: ['Customer asked for a human agent', "Topic outside the bot's scope", 'Exchange request needs review'],
    handover_error: ['ERP integration error', 'Timeout while looking up the order', 'Intent not recognised 3 times'],
    handover_auto: ['Outside business hours', 'Waiting queue'],
    resolve_reason: ['Question answered', 'Exchange completed', 'Refund issued', 'Order delivered', 'Customer did not reply'],
    resolve_comment: [
      'Customer happy, "case closed".',
      '+ sent coupon NORTH5',
      'Refund of $89.90; ticket 2024-118',
      'Told to wait 48h\r\ncome back if not delivered',
      '-no remarks-',
    ],
    va_resolve_reason: ['Resolved by the virtual assistant'],
    bulk_reason: ['Queue clean-up (bulk resolve)'],
    auto_resolve_reason: ['Auto-resolved after inactivity'],
    automation_reason: ['Automation rule: campaign closed'],
    csat_question: ['What could we do better?', 'Why did you give this score?'],
    csat_answer: [
      '=) all good',
      'Very polite agent 👏',
      'Could reply faster; I waited 30 min',
      '"Perfect", nothing to improve',
      'Took a while,\nbut they fixed it.',
    ],
    failure_reason: [
      '131026: message undeliverable (number not on WhatsApp)',
      '131047: 24-hour window expired',
      '132001: template not approved',
      'Invalid number',
    ],
    first_name: [
      'Alice',
      'Brian',
      'Chloé',
      'David',
      'Emma',
      'Frank',
      'Grace',
      'Henry',
      'Isla',
      'Jack',
      'Kate',
      'Liam',
      'Mia',
      'Noah',
      'Olivia',
      'Peter',
      'Renée',
      'Sam',
      'Tom',
      'Zoë',
    ],
    last_name: [
      'Smith',
      'Johnson',
      'Williams',
      'Brown',
      'Jones',
      'Garcia',
      'Miller',
      'Davis',
      'Wilson',
      'Anderson',
      'Taylor',
      "O'Brien",
      'Nguyen',
      'Müller',
    ],
    special_contact: [
      '=HYPERLINK("http://x")',
      'Bob "The Builder" Smith, Jr.',
      'Smith; Jones & Co',
      '@jenny.w',
      '-Dash- Doe',
      '+1 (555) 010-0199 Front Desk',
      '\tTabbed Name',
      'Zoë 🎉 Emoji',
      'Line1\r\nLine2 LLC',
    ],
    email_domain: ['gmail.com', 'yahoo.com', 'outlook.com', 'icloud.com', 'aol.com'],
    city: ['New York', 'Boston, MA', 'Chicago', 'San Francisco', 'Austin', 'Miami', 'Seattle'],
    company: ['Joe\'s "Best" Diner', 'Acme; Widgets Inc', 'Self-employed', 'Blue Sky Travel'],
    plan: ['Basic', 'Premium', 'Northwind+ (annual)'],
    attribute_note: [
      '=IF(A1>0,"yes","no")',
      '\tNote with a tab',
      'Customer since 2019,\nalways paid on time',
      '@manager: check credit limit',
      'Prefers e-mail',
    ],
    yes_no: ['yes', 'no'],
    browser: ['Chrome 131 / Android', 'Safari 18 / iOS', 'Firefox 133 / Windows'],
  },
  templates: [
    { name: 'order_confirmation', body: 'Hi! Your order 48213 is confirmed ✅. Track it at https://northwind.example/o/48213' },
    { name: 'invoice_reminder', body: 'Hi! Your invoice of $349.90 is due tomorrow; need a copy? Reply "YES".' },
    { name: 'satisfaction_survey', body: 'How was your experience with Northwind?\nReply from 1 to 5.' },
    { name: 'fall_sale', body: 'Northwind Fall Sale: up to 50% off, free shipping over $199.90 🛍️' },
    { name: 'payment_overdue', body: 'We found an open balance of $89.90. Reply to this message to settle it.' },
  ],
};

export const TEXTS: Record<Locale, LocaleTexts> = { 'pt-BR': PT_BR, en: EN };
