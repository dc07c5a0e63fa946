/**
 * A larger, regular account as events, for crash and volume tests: one inbox, two agents, a team
 * and a tag, then `conversations` conversations of `messagesPerConversation` messages each, with
 * a lock, a reply, a tag and a resolution. Times are spread over one day so every report sees them.
 */
export function syntheticEvents(conversations: number, messagesPerConversation: number): Array<Record<string, unknown>> {
  const events: Array<Record<string, unknown>> = [];
  const day = Date.parse('2026-03-10T00:00:00Z');
  const at = (seconds: number) => new Date(day + seconds * 1000).toISOString();
  const add = (type: string, seconds: number, data: Record<string, unknown>) =>
    events.push({ id: `s-${events.length + 1}`, type, occurredAt: at(seconds), data });
  add('inbox.upserted', -86_400, { inbox: 'wa', name: 'WA', channelType: 'whatsapp', medium: 'WhatsApp' });
  add('team.upserted', -86_400, { team: 'sup', name: 'Suporte' });
  add('tag.upserted', -86_400, { tag: 'urg', name: 'urgente' });
  for (const agent of ['a1', 'a2']) {
    add('agent.upserted', -86_400, { agent, kind: 'human', name: agent.toUpperCase() });
    add('team.member_added', -86_400, { team: 'sup', agent });
  }
  for (let c = 0; c < conversations; c++) {
    const start = (c * 37) % 80_000;
    const agent = c % 2 === 0 ? 'a1' : 'a2';
    const conversation = `c-${c}`;
    add('contact.upserted', start - 60, { contact: `ct-${c}`, medium: 'WhatsApp', primaryIdentifier: `+55${c}` });
    add('conversation.created', start, { conversation, inbox: 'wa', contact: `ct-${c}`, displayId: c + 1 });
    add('conversation.locked', start + 30, { conversation, agent });
    for (let m = 0; m < messagesPerConversation; m++) {
      const incoming = m % 2 === 0;
      const message = `m-${c}-${m}`;
      add('message.created', start + m * 10, {
        message,
        conversation,
        direction: incoming ? 'incoming' : 'outgoing',
        origin: incoming ? 'contact' : 'agent',
        ...(incoming ? { senderContact: `ct-${c}` } : { senderAgent: agent, team: 'sup', outboundType: 'reply' }),
        content: `message ${m} of ${c}`,
      });
      if (m === 0) add('message.tag_added', start + 5, { message, tag: 'urg', agent });
    }
    add('conversation.status_changed', start + messagesPerConversation * 10 + 60, {
      conversation,
      status: 'resolved',
      agent,
      team: 'sup',
      resolvedBy: 'agent',
      trigger: 'human_agent',
    });
    add('conversation.unlocked', start + messagesPerConversation * 10 + 61, { conversation, agent });
  }
  return events;
}
