import type { TextPool } from './text';

/**
 * Conversation lifecycles as scripts: each step happens `at` seconds after the conversation
 * starts. The SQL generator replays a script for every conversation drawn for it, stretching the
 * times by a per-conversation factor, so one script yields thousands of coherent conversations.
 * Events, messages and the conversation's denormalised columns all come from the same script,
 * which is why they cannot disagree.
 */

/** Who acts in a step; each conversation binds these roles to real rows. */
type Actor = 'contact' | 'agent' | 'agent2' | 'supervisor' | 'va' | 'system';
type Human = 'agent' | 'agent2' | 'supervisor';
type Status = 'new' | 'open' | 'pending' | 'resolved';
type MediaType = 'image' | 'audio' | 'video' | 'file' | 'location';
type Delivery = 'read' | 'failed';
type CsatStatus = 'completed' | 'sent' | 'expired';
type Resolution = 'agent' | 'virtual_agent' | 'bulk' | 'auto_resolve' | 'automation';

/** Where a media message's content comes from (a caption, a file name …); an audio has none. */
export const MEDIA_POOLS: Record<MediaType, TextPool | null> = {
  image: 'caption',
  video: 'caption',
  audio: null,
  file: 'file_name',
  location: 'location',
};

const MESSAGE_KINDS = {
  inbound: { direction: 'incoming', origin: 'contact', outboundType: null, systemUserType: null, private: false, messageType: null },
  reply: { direction: 'outgoing', origin: 'agent', outboundType: 'reply', systemUserType: null, private: false, messageType: 'text' },
  proactive: {
    direction: 'outgoing',
    origin: 'agent',
    outboundType: 'proactive',
    systemUserType: null,
    private: false,
    messageType: 'text',
  },
  note: { direction: 'outgoing', origin: 'agent', outboundType: null, systemUserType: null, private: true, messageType: 'text' },
  va: {
    direction: 'outgoing',
    origin: 'virtual_agent',
    outboundType: 'reply',
    systemUserType: 'virtual_agent',
    private: false,
    messageType: 'text',
  },
  auto_reply: {
    direction: 'outgoing',
    origin: 'auto_responder',
    outboundType: 'auto_reply',
    systemUserType: 'auto_responder',
    private: false,
    messageType: 'text',
  },
  activity: {
    direction: 'outgoing',
    origin: 'system',
    outboundType: null,
    systemUserType: 'system',
    private: false,
    messageType: 'activity',
  },
  csat_survey: {
    direction: 'outgoing',
    origin: 'automation',
    outboundType: 'proactive',
    systemUserType: 'automation',
    private: false,
    messageType: 'text',
  },
  template_by_agent: {
    direction: 'outgoing',
    origin: 'agent',
    outboundType: 'template',
    systemUserType: null,
    private: false,
    messageType: 'template',
  },
  template_by_api: {
    direction: 'outgoing',
    origin: 'api',
    outboundType: 'template',
    systemUserType: null,
    private: false,
    messageType: 'template',
  },
} as const;
type MessageKind = keyof typeof MESSAGE_KINDS;

const RESOLUTIONS: Record<Resolution, { resolvedBy: string; trigger: string; reasonPool: TextPool; commentPool: TextPool | null }> = {
  agent: { resolvedBy: 'agent', trigger: 'human_agent', reasonPool: 'resolve_reason', commentPool: 'resolve_comment' },
  virtual_agent: { resolvedBy: 'virtual_agent', trigger: 'virtual_agent', reasonPool: 'va_resolve_reason', commentPool: null },
  bulk: { resolvedBy: 'bulk', trigger: 'human_agent', reasonPool: 'bulk_reason', commentPool: null },
  auto_resolve: { resolvedBy: 'system', trigger: 'auto_resolve', reasonPool: 'auto_resolve_reason', commentPool: null },
  automation: { resolvedBy: 'system', trigger: 'automation', reasonPool: 'automation_reason', commentPool: null },
};

type Optional = { optional?: { group: number; chance: number } };
type MessageStep = Optional & {
  item: 'message';
  at: number;
  kind: MessageKind;
  actor: Actor;
  pool: TextPool | 'template' | null;
  type?: MediaType;
  delivery?: Delivery;
  deleted?: boolean;
  edited?: boolean;
  csat?: { status: CsatStatus; score?: number };
};
type EventStep = Optional & {
  item: 'event';
  at: number;
  kind: 'status_changed' | 'reopened' | 'assigned' | 'locked' | 'unlocked' | 'handed_over';
  actor: Actor;
  to?: Status;
  assignee?: Human;
  reasonPool?: TextPool;
  dueToError?: boolean;
  resolution?: Resolution;
};
type TopicStep = Optional & { item: 'topic'; at: number; actor: Actor; removedAfter?: number };
type TagStep = Optional & { item: 'tag'; at: number; actor: Actor; messageAt: number; removedAfter?: number };
type Step = MessageStep | EventStep | TopicStep | TagStep;

interface Scenario {
  name: string;
  /** Relative share among the conversations drawn at random. */
  weight: number;
  /** Dispatch conversations can only start on WhatsApp. */
  inboxPool: 'all' | 'whatsapp';
  /** Still-open conversations are drawn from the last two weeks: a backlog is recent. */
  recent?: boolean;
  /** Local minute of day of the canonical conversation (default: 07:00 + 40 min per scenario). */
  canonicalStartMinute?: number;
  steps: Step[];
}

const m = (minutes: number) => minutes * 60;
const h = (hours: number) => hours * 3600;

type MessageOptions = Pick<MessageStep, 'deleted' | 'edited'>;
/** A contact's message; text unless drawn otherwise (canonical conversations keep text). */
const inbound = (at: number, pool: TextPool, options: MessageOptions = {}): MessageStep => ({
  item: 'message',
  at,
  kind: 'inbound',
  actor: 'contact',
  pool,
  ...options,
});
const inboundMedia = (at: number, type: MediaType): MessageStep => ({
  item: 'message',
  at,
  kind: 'inbound',
  actor: 'contact',
  pool: MEDIA_POOLS[type],
  type,
});
const reply = (at: number, actor: Human, pool: TextPool = 'agent_reply', options: MessageOptions = {}): MessageStep => ({
  item: 'message',
  at,
  kind: 'reply',
  actor,
  pool,
  ...options,
});
const replyWithFile = (at: number, actor: Human): MessageStep => ({
  item: 'message',
  at,
  kind: 'reply',
  actor,
  pool: MEDIA_POOLS.file,
  type: 'file',
});
const proactive = (at: number, actor: Human): MessageStep => ({ item: 'message', at, kind: 'proactive', actor, pool: 'agent_proactive' });
const note = (at: number, actor: Human): MessageStep => ({ item: 'message', at, kind: 'note', actor, pool: 'note' });
const vaReply = (at: number, pool: TextPool = 'va_reply'): MessageStep => ({ item: 'message', at, kind: 'va', actor: 'va', pool });
const autoReply = (at: number): MessageStep => ({ item: 'message', at, kind: 'auto_reply', actor: 'system', pool: 'auto_reply' });
const activity = (at: number): MessageStep => ({ item: 'message', at, kind: 'activity', actor: 'system', pool: 'activity' });
/** The survey sent after a resolution; the score is the canonical conversation's answer (others draw theirs). */
const csatSurvey = (at: number, status: CsatStatus, score?: number): MessageStep => ({
  item: 'message',
  at,
  kind: 'csat_survey',
  actor: 'system',
  pool: 'csat_survey',
  delivery: 'read',
  csat: { status, score },
});
/** The first message of a dispatch: by an agent, or by the campaign API when `actor` is system. */
const template = (at: number, actor: 'agent' | 'system', delivery?: Delivery): MessageStep => ({
  item: 'message',
  at,
  kind: actor === 'agent' ? 'template_by_agent' : 'template_by_api',
  actor,
  pool: 'template',
  delivery,
});

const assign = (at: number, actor: Actor, assignee: Human): EventStep => ({ item: 'event', at, kind: 'assigned', actor, assignee });
const status = (at: number, actor: Actor, to: Exclude<Status, 'resolved'>): EventStep => ({
  item: 'event',
  at,
  kind: 'status_changed',
  actor,
  to,
});
const resolve = (at: number, actor: Actor, resolution: Resolution): EventStep => ({
  item: 'event',
  at,
  kind: 'status_changed',
  actor,
  to: 'resolved',
  resolution,
});
const reopen = (at: number, actor: Actor, to: 'new' | 'pending'): EventStep => ({ item: 'event', at, kind: 'reopened', actor, to });
const lock = (at: number, actor: Human): EventStep => ({ item: 'event', at, kind: 'locked', actor });
const unlock = (at: number, actor: Human): EventStep => ({ item: 'event', at, kind: 'unlocked', actor });
const handover = (at: number, actor: 'va' | 'system', reasonPool: TextPool, dueToError = false): EventStep => ({
  item: 'event',
  at,
  kind: 'handed_over',
  actor,
  reasonPool,
  dueToError,
});
const topic = (at: number, actor: Actor, removedAfter?: number): TopicStep => ({ item: 'topic', at, actor, removedAfter });
const tag = (at: number, actor: Actor, messageAt: number, removedAfter?: number): TagStep => ({
  item: 'tag',
  at,
  actor,
  messageAt,
  removedAfter,
});
/** Steps that only some conversations of the scenario have (canonical ones always do). */
const optional = (group: number, chance: number, ...steps: MessageStep[]): MessageStep[] =>
  steps.map((step) => ({ ...step, optional: { group, chance } }));
/** An agent takes a conversation from the queue: assignment, status open, lock. */
const pickUp = (at: number, assignedBy: Actor, agent: Human): Step[] => [
  assign(at, assignedBy, agent),
  status(at + 1, agent, 'open'),
  lock(at + 30, agent),
];

/**
 * The first conversations of an account replay these scripts in this order, unstretched
 * (display_id 1 = the first script …), so tests can rely on them; the rest are drawn by weight.
 */
const SCENARIOS: Scenario[] = [
  {
    name: 'agent_reply_resolved',
    weight: 14,
    inboxPool: 'all',
    steps: [
      inbound(0, 'greeting'),
      inbound(40, 'question'),
      ...pickUp(m(4), 'agent', 'agent'),
      reply(m(7), 'agent', 'agent_first'),
      tag(m(7) + 30, 'agent', 40),
      tag(m(7) + 35, 'agent', 40),
      inbound(m(10), 'detail'),
      topic(m(10) + 20, 'agent'),
      reply(m(12), 'agent'),
      ...optional(1, 0.5, inbound(m(15), 'detail'), reply(m(17), 'agent')),
      note(m(18), 'agent'),
      inbound(m(20), 'thanks'),
      resolve(m(21), 'agent', 'agent'),
      activity(m(21) + 5),
      unlock(m(21) + 10, 'agent'),
      csatSurvey(m(21) + 20, 'completed', 5),
    ],
  },
  {
    // Sparkcentral's documented first-response example: inbound 11:00, VA reply 11:01,
    // handover 11:02, agent reply 11:30 → first response time 28 min (human-only, from handover).
    name: 'va_handover_frt',
    weight: 10,
    inboxPool: 'all',
    steps: [
      inbound(0, 'question'),
      vaReply(m(1)),
      topic(m(1) + 30, 'va'),
      handover(m(2), 'va', 'handover'),
      ...pickUp(m(25), 'system', 'agent'),
      reply(m(30), 'agent', 'agent_first'),
      inbound(m(35), 'detail'),
      reply(m(38), 'agent'),
      resolve(m(40), 'agent', 'agent'),
      unlock(m(40) + 10, 'agent'),
      csatSurvey(m(40) + 20, 'sent'),
    ],
  },
  {
    name: 'dispatch_replied',
    weight: 5,
    inboxPool: 'whatsapp',
    steps: [
      template(0, 'agent', 'read'),
      inbound(m(40), 'dispatch_answer'),
      ...pickUp(m(45), 'agent', 'agent'),
      reply(m(48), 'agent', 'agent_first'),
      inbound(m(52), 'detail'),
      reply(m(53), 'agent'),
      resolve(m(55), 'agent', 'agent'),
      unlock(m(55) + 5, 'agent'),
      csatSurvey(m(55) + 20, 'completed', 4),
    ],
  },
  {
    name: 'va_resolved',
    weight: 8,
    inboxPool: 'all',
    steps: [
      inbound(0, 'question'),
      vaReply(20),
      topic(m(1), 'va'),
      inbound(m(3), 'detail'),
      tag(m(3) + 10, 'va', m(3)),
      vaReply(m(3) + 20, 'va_close'),
      ...optional(1, 0.5, inbound(m(4), 'thanks')),
      resolve(m(5), 'va', 'virtual_agent'),
      csatSurvey(m(5) + 20, 'completed', 5),
    ],
  },
  {
    // A colleague opens the conversation, looks and leaves it (cherry picking); the assignee
    // then works it with replies (handle time).
    name: 'cherry_picked',
    weight: 5,
    inboxPool: 'all',
    steps: [
      inbound(0, 'question'),
      lock(m(2), 'agent2'),
      unlock(m(4), 'agent2'),
      ...pickUp(m(10), 'supervisor', 'agent'),
      reply(m(15), 'agent', 'agent_first'),
      inbound(m(20), 'detail'),
      reply(m(22), 'agent'),
      resolve(m(23), 'agent', 'agent'),
      unlock(m(23) + 5, 'agent'),
      csatSurvey(m(23) + 20, 'expired'),
    ],
  },
  {
    // Locked and resolved without a reply to the contact (no-reply time); the private note is
    // deliberately not a reply.
    name: 'resolve_without_reply',
    weight: 5,
    inboxPool: 'all',
    steps: [
      inbound(0, 'solved_already'),
      ...pickUp(m(6), 'agent', 'agent'),
      note(m(9), 'agent'),
      resolve(m(10), 'agent', 'agent'),
      unlock(m(10) + 5, 'agent'),
    ],
  },
  {
    // first_resolved_at (10 min) differs from resolved_at (20 h 40 min), and the two
    // resolutions are by different agents.
    name: 'reopened_resolved_again',
    weight: 5,
    inboxPool: 'all',
    steps: [
      inbound(0, 'question'),
      ...pickUp(m(5), 'agent', 'agent'),
      reply(m(8), 'agent', 'agent_first'),
      resolve(m(10), 'agent', 'agent'),
      unlock(m(10) + 5, 'agent'),
      inbound(h(20), 'comeback'),
      reopen(h(20) + 2, 'system', 'new'),
      ...pickUp(h(20) + m(20), 'system', 'agent2'),
      reply(h(20) + m(25), 'agent2'),
      topic(h(20) + m(26), 'agent2'),
      resolve(h(20) + m(40), 'agent2', 'agent'),
      unlock(h(20) + m(40) + 5, 'agent2'),
      csatSurvey(h(20) + m(40) + 20, 'completed', 1),
    ],
  },
  {
    // Media of every kind, a deleted and an edited message, a transfer to a colleague, and a
    // topic and a tag removed again; still open.
    name: 'open_in_progress',
    weight: 4,
    inboxPool: 'all',
    recent: true,
    steps: [
      inboundMedia(0, 'image'),
      inboundMedia(m(1), 'audio'),
      ...pickUp(m(5), 'agent', 'agent'),
      replyWithFile(m(9), 'agent'),
      inbound(m(11), 'detail', { deleted: true }),
      inboundMedia(m(12), 'video'),
      reply(m(14), 'agent', 'agent_reply', { edited: true }),
      note(m(15), 'agent'),
      topic(m(15) + 30, 'agent', m(8)),
      assign(m(16), 'agent', 'agent2'),
      unlock(m(16) + 10, 'agent'),
      lock(m(20), 'agent2'),
      inboundMedia(m(21), 'location'),
      reply(m(24), 'agent2'),
      tag(m(24) + 30, 'agent2', m(12), m(5)),
      unlock(m(26), 'agent2'),
    ],
  },
  {
    name: 'dispatch_failed',
    weight: 2,
    inboxPool: 'whatsapp',
    steps: [template(0, 'system', 'failed'), resolve(m(10), 'system', 'automation')],
  },
  {
    // The auto-responder hands the conversation to the New queue (a first-response clock
    // start); nobody answers and a supervisor bulk-resolves the queue.
    name: 'bulk_after_auto_reply',
    weight: 4,
    inboxPool: 'all',
    steps: [
      inbound(0, 'question'),
      autoReply(5),
      handover(6, 'system', 'handover_auto'),
      inbound(m(3), 'detail'),
      resolve(h(9), 'supervisor', 'bulk'),
    ],
  },
  {
    name: 'auto_resolved',
    weight: 6,
    inboxPool: 'all',
    steps: [
      inbound(0, 'question'),
      ...pickUp(m(2), 'system', 'agent'),
      reply(m(5), 'agent', 'agent_first'),
      status(m(6), 'agent', 'pending'),
      unlock(m(6) + 5, 'agent'),
      resolve(h(24) + m(5), 'system', 'auto_resolve'),
    ],
  },
  {
    name: 'pending_follow_up',
    weight: 5,
    inboxPool: 'all',
    recent: true,
    steps: [
      inbound(0, 'question'),
      ...pickUp(m(3), 'agent', 'agent'),
      reply(m(6), 'agent', 'agent_first'),
      status(m(7), 'agent', 'pending'),
      unlock(m(7) + 5, 'agent'),
      proactive(h(22), 'agent'),
    ],
  },
  {
    name: 'va_handover_error',
    weight: 4,
    inboxPool: 'all',
    recent: true,
    steps: [
      inboundMedia(0, 'image'),
      vaReply(15),
      handover(40, 'va', 'handover_error', true),
      ...pickUp(m(8), 'supervisor', 'agent'),
      reply(m(12), 'agent', 'agent_first'),
      status(m(14), 'agent', 'pending'),
      unlock(m(14) + 5, 'agent'),
    ],
  },
  {
    name: 'new_unanswered',
    weight: 4,
    inboxPool: 'all',
    recent: true,
    steps: [inbound(0, 'greeting'), inbound(40, 'question'), inboundMedia(m(2), 'location')],
  },
  {
    // The agent reopens a resolved conversation to pending and follows up proactively.
    name: 'reopened_left_pending',
    weight: 3,
    inboxPool: 'all',
    recent: true,
    steps: [
      inbound(0, 'question'),
      ...pickUp(m(4), 'agent', 'agent'),
      reply(m(7), 'agent', 'agent_first'),
      resolve(m(9), 'agent', 'agent'),
      unlock(m(9) + 5, 'agent'),
      reopen(h(6), 'agent', 'pending'),
      proactive(h(6) + m(2), 'agent'),
    ],
  },
  {
    name: 'dispatch_unanswered',
    weight: 4,
    inboxPool: 'whatsapp',
    steps: [template(0, 'system'), status(1, 'system', 'pending'), resolve(h(26), 'system', 'automation')],
  },
  {
    // Resolved without a reply, then the contact writes again: back in New, where a colleague
    // looks and leaves it. An open conversation with no-reply and cherry-picking time.
    name: 'reopened_unanswered',
    weight: 3,
    inboxPool: 'all',
    recent: true,
    steps: [
      inbound(0, 'question'),
      ...pickUp(m(3), 'agent', 'agent'),
      inbound(m(5), 'solved_already'),
      resolve(m(6), 'agent', 'agent'),
      unlock(m(6) + 5, 'agent'),
      inbound(h(30), 'comeback'),
      reopen(h(30) + 2, 'system', 'new'),
      lock(h(30) + m(10), 'agent2'),
      unlock(h(30) + m(12), 'agent2'),
    ],
  },
  {
    // Auto-reply and handover at once; the first human answer comes hours later.
    name: 'after_hours',
    weight: 4,
    inboxPool: 'all',
    steps: [
      inbound(0, 'question'),
      autoReply(5),
      handover(6, 'system', 'handover_auto'),
      ...pickUp(h(8), 'system', 'agent'),
      reply(h(8) + m(3), 'agent', 'agent_first'),
      inbound(h(8) + m(6), 'thanks'),
      resolve(h(8) + m(10), 'agent', 'agent'),
      unlock(h(8) + m(10) + 5, 'agent'),
      csatSurvey(h(8) + m(10) + 20, 'completed', 3),
    ],
  },
  {
    // Starts at 23:47 local time and is answered and resolved after midnight, so day and
    // hour buckets in the account's time zone differ from UTC ones.
    name: 'overnight',
    weight: 3,
    inboxPool: 'all',
    canonicalStartMinute: 23 * 60 + 47,
    steps: [
      inbound(0, 'question'),
      vaReply(30),
      handover(m(1), 'va', 'handover'),
      ...pickUp(m(9), 'system', 'agent'),
      reply(m(14), 'agent', 'agent_first'),
      inbound(m(20), 'detail'),
      reply(m(24), 'agent'),
      resolve(m(30), 'agent', 'agent'),
      unlock(m(30) + 5, 'agent'),
      csatSurvey(m(30) + 20, 'completed', 2),
    ],
  },
];

/** One script step as a row of the `seed_steps` table. */
export interface StepRow {
  scenario: number;
  step: number;
  at: number;
  item: Step['item'];
  kind: string | null;
  actor: Actor;
  direction: string | null;
  message_type: string | null;
  origin: string | null;
  outbound_type: string | null;
  system_user_type: string | null;
  private: boolean | null;
  pool: string | null;
  /** How many earlier steps of the scripts (in order) draw from the same pool: canonical conversations take pool entries in turn. */
  pool_rank: number | null;
  delivery: Delivery | null;
  deleted: boolean;
  edited: boolean;
  from_status: Status | null;
  to_status: Status | null;
  assignee: Human | null;
  due_to_error: boolean;
  message_at: number | null;
  removed_after: number | null;
  grp: number | null;
  chance: number | null;
}

/** What a script leaves on the conversation row: a row of the `seed_scenarios` table. */
export interface ScenarioRow {
  scenario: number;
  name: string;
  weight: number;
  inbox_pool: Scenario['inboxPool'];
  recent: boolean;
  canonical_start_minute: number;
  /** Position among the scripts sharing its inbox pool: spreads canonical conversations over the inboxes. */
  canonical_rank: number;
  final_status: Status;
  first_resolved_at: number | null;
  resolved_at: number | null;
  resolver: Actor | null;
  resolved_by: string | null;
  resolve_trigger: string | null;
  reason_pool: TextPool | null;
  comment_pool: TextPool | null;
  last_status_actor: Actor | null;
  assignee: Human | null;
  has_team: boolean;
  last_at: number;
  csat_status: CsatStatus | null;
  csat_at: number | null;
  csat_score: number | null;
}

const HUMANS: readonly Actor[] = ['agent', 'agent2', 'supervisor'];
const FIRST_CANONICAL_MINUTE = 7 * 60;
const CANONICAL_SPACING_MINUTES = 40;

class ScenarioError extends Error {
  constructor(scenario: string, at: number, problem: string) {
    super(`scenario ${scenario}, step at ${at}s: ${problem}`);
  }
}

/** Replays one script, checking that it is a possible history, and flattens it into rows. */
function compile(scenario: Scenario, number: number, poolUses: Map<string, number>): { row: ScenarioRow; steps: StepRow[] } {
  const fail = (at: number, problem: string) => new ScenarioError(scenario.name, at, problem);
  let current: Status = 'new';
  let previousAt = -1;
  let lockHolder: Actor | null = null;
  const mandatoryMessages = new Set<number>();
  const lastMandatoryAt = Math.max(...scenario.steps.filter((s) => !s.optional).map((s) => s.at));
  const row: ScenarioRow = {
    scenario: number,
    name: scenario.name,
    weight: scenario.weight,
    inbox_pool: scenario.inboxPool,
    recent: scenario.recent ?? false,
    canonical_start_minute: scenario.canonicalStartMinute ?? FIRST_CANONICAL_MINUTE + (number - 1) * CANONICAL_SPACING_MINUTES,
    canonical_rank: SCENARIOS.slice(0, number - 1).filter((s) => s.inboxPool === scenario.inboxPool).length,
    final_status: 'new',
    first_resolved_at: null,
    resolved_at: null,
    resolver: null,
    resolved_by: null,
    resolve_trigger: null,
    reason_pool: null,
    comment_pool: null,
    last_status_actor: null,
    assignee: null,
    has_team: false,
    last_at: lastMandatoryAt,
    csat_status: null,
    csat_at: null,
    csat_score: null,
  };
  const steps = scenario.steps.map((step, index): StepRow => {
    // Distinct times keep every ordering unambiguous, and let a tag find its message by time.
    if (step.at <= previousAt) throw fail(step.at, 'steps must be in strictly increasing time');
    if (index === 0 && (step.item !== 'message' || step.at !== 0)) throw fail(step.at, 'a conversation starts with a message at 0');
    if (step.optional && (step.item !== 'message' || step.at > lastMandatoryAt)) {
      throw fail(step.at, 'only messages before the last mandatory step can be optional');
    }
    previousAt = step.at;
    if (HUMANS.includes(step.actor)) row.has_team = true;
    const base: StepRow = {
      scenario: number,
      step: index + 1,
      at: step.at,
      item: step.item,
      kind: null,
      actor: step.actor,
      direction: null,
      message_type: null,
      origin: null,
      outbound_type: null,
      system_user_type: null,
      private: null,
      pool: null,
      pool_rank: null,
      delivery: null,
      deleted: false,
      edited: false,
      from_status: null,
      to_status: null,
      assignee: null,
      due_to_error: false,
      message_at: null,
      removed_after: null,
      grp: step.optional?.group ?? null,
      chance: step.optional?.chance ?? null,
    };
    switch (step.item) {
      case 'message': {
        const kind = MESSAGE_KINDS[step.kind];
        if (!step.optional) mandatoryMessages.add(step.at);
        if (step.csat) {
          if (current !== 'resolved') throw fail(step.at, 'a CSAT survey follows a resolution');
          if ((step.csat.status === 'completed') !== (step.csat.score !== undefined))
            throw fail(step.at, 'exactly the completed surveys have a score');
          row.csat_status = step.csat.status;
          row.csat_at = step.at;
          row.csat_score = step.csat.score ?? null;
        }
        return {
          ...base,
          kind: step.kind,
          direction: kind.direction,
          message_type: step.type ?? kind.messageType,
          origin: kind.origin,
          outbound_type: kind.outboundType,
          system_user_type: kind.systemUserType,
          private: kind.private,
          pool: step.pool,
          pool_rank: step.pool ? takeTurn(poolUses, step.pool) : null,
          delivery: step.delivery ?? null,
          deleted: step.deleted ?? false,
          edited: step.edited ?? false,
        };
      }
      case 'event': {
        const event = { ...base, kind: step.kind };
        switch (step.kind) {
          case 'status_changed':
          case 'reopened': {
            const to = step.to as Status;
            if (step.kind === 'reopened' && (current !== 'resolved' || to === 'resolved' || to === 'open')) {
              throw fail(step.at, 'a reopen goes from resolved back to new or pending');
            }
            if (to === current) throw fail(step.at, `already ${to}`);
            if ((to === 'resolved') !== Boolean(step.resolution)) throw fail(step.at, 'a resolution says how it was resolved');
            if (step.resolution) {
              const resolution = RESOLUTIONS[step.resolution];
              row.first_resolved_at ??= step.at;
              row.resolved_at = step.at;
              row.resolver = step.actor;
              row.resolved_by = resolution.resolvedBy;
              row.resolve_trigger = resolution.trigger;
              row.reason_pool = resolution.reasonPool;
              row.comment_pool = resolution.commentPool;
            }
            row.last_status_actor = step.actor;
            event.from_status = current;
            event.to_status = to;
            current = to;
            return event;
          }
          case 'assigned':
            row.assignee = step.assignee ?? null;
            row.has_team = true;
            return { ...event, assignee: step.assignee ?? null };
          case 'locked':
            if (lockHolder) throw fail(step.at, `still locked by ${lockHolder}`);
            lockHolder = step.actor;
            return event;
          case 'unlocked':
            if (lockHolder !== step.actor) throw fail(step.at, `${step.actor} does not hold the lock`);
            lockHolder = null;
            return event;
          case 'handed_over':
            row.has_team = true;
            return { ...event, pool: step.reasonPool ?? null, due_to_error: step.dueToError ?? false };
        }
      }
      case 'topic':
        return { ...base, removed_after: step.removedAfter ?? null };
      case 'tag':
        if (!mandatoryMessages.has(step.messageAt)) throw fail(step.at, 'a tag refers to an earlier mandatory message');
        return { ...base, message_at: step.messageAt, removed_after: step.removedAfter ?? null };
    }
  });
  if (lockHolder) throw fail(lastMandatoryAt, `left locked by ${lockHolder}`);
  row.final_status = current;
  return { row, steps };
}

export interface CompiledScenarios {
  scenarios: ScenarioRow[];
  steps: StepRow[];
}

function takeTurn(uses: Map<string, number>, key: string): number {
  const turn = uses.get(key) ?? 0;
  uses.set(key, turn + 1);
  return turn;
}

export function compileScenarios(): CompiledScenarios {
  const poolUses = new Map<string, number>();
  const compiled = SCENARIOS.map((scenario, index) => compile(scenario, index + 1, poolUses));
  const starts = compiled.map((c) => c.row.canonical_start_minute);
  // Canonical conversations get display ids 1..S in start order, all on one local day.
  if (starts.some((start, i) => start >= 24 * 60 || (i > 0 && start <= starts[i - 1]))) {
    throw new Error('canonical start minutes must increase within one day');
  }
  return { scenarios: compiled.map((c) => c.row), steps: compiled.flatMap((c) => c.steps) };
}
