import { useMemo } from 'preact/hooks';
import { QUICK_RANGES, QuickRange, quickRange, timeZones } from '../dates';
import type { ChannelType } from '../generated/graphql';
import type { Lang, MessageKey, Translate } from '../i18n';
import { FilterState, Session, channelLabel } from '../session';

const RANGE_LABELS: Record<QuickRange, MessageKey> = {
  today: 'rangeToday',
  yesterday: 'rangeYesterday',
  last7: 'rangeLast7',
  last30: 'rangeLast30',
  thisMonth: 'rangeThisMonth',
  lastMonth: 'rangeLastMonth',
  custom: 'rangeCustom',
};

function toggled<T>(list: T[], item: T, on: boolean): T[] {
  return on ? [...list, item] : list.filter((x) => x !== item);
}

/** Period (with quick ranges), time zone, channels and inboxes: the filter of every report. */
export function Filters(props: {
  id: string;
  session: Session;
  filter: FilterState;
  onChange: (f: FilterState) => void;
  lang: Lang;
  t: Translate;
}) {
  const { filter, onChange, t, id } = props;
  const zones = useMemo(timeZones, []);
  const channels = useMemo(
    () => [...new Set(props.session.inboxes.map((inbox) => inbox.channelType))].sort() as ChannelType[],
    [props.session.inboxes],
  );
  const setRange = (range: QuickRange) =>
    onChange(range === 'custom' ? { ...filter, range } : { ...filter, range, ...quickRange(range, filter.timeZone) });
  const setZone = (timeZone: string) =>
    onChange(filter.range === 'custom' ? { ...filter, timeZone } : { ...filter, timeZone, ...quickRange(filter.range, timeZone) });
  return (
    <div class="filters">
      <fieldset>
        <legend>{t('period')}</legend>
        <div class="field-row">
          <label>
            {t('quickRange')}
            <select id={`${id}-range`} value={filter.range} onChange={(e) => setRange(e.currentTarget.value as QuickRange)}>
              {QUICK_RANGES.map((range) => (
                <option key={range} value={range}>
                  {t(RANGE_LABELS[range])}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('from')}
            <input
              id={`${id}-from`}
              type="date"
              required
              value={filter.from}
              onInput={(e) => onChange({ ...filter, range: 'custom', from: e.currentTarget.value })}
            />
          </label>
          <label>
            {t('to')}
            <input
              id={`${id}-to`}
              type="date"
              required
              value={filter.to}
              onInput={(e) => onChange({ ...filter, range: 'custom', to: e.currentTarget.value })}
            />
          </label>
          <label>
            {t('timeZone')}
            <select id={`${id}-zone`} value={filter.timeZone} onChange={(e) => setZone(e.currentTarget.value)}>
              {(zones.includes(filter.timeZone) ? zones : [filter.timeZone, ...zones]).map((zone) => (
                <option key={zone} value={zone}>
                  {zone}
                </option>
              ))}
            </select>
          </label>
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('channels')}</legend>
        <p class="hint">{t('allWhenNone')}</p>
        <div class="checks">
          {channels.map((channel) => (
            <label key={channel} class="check">
              <input
                type="checkbox"
                name={`${id}-channel`}
                value={channel}
                checked={filter.channelTypes.includes(channel)}
                onChange={(e) => onChange({ ...filter, channelTypes: toggled(filter.channelTypes, channel, e.currentTarget.checked) })}
              />
              {channelLabel(props.session, channel, props.lang)}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('inboxes')}</legend>
        <p class="hint">{t('allWhenNone')}</p>
        <div class="checks">
          {props.session.inboxes.map((inbox) => (
            <label key={inbox.id} class="check">
              <input
                type="checkbox"
                name={`${id}-inbox`}
                value={inbox.id}
                checked={filter.inboxIds.includes(inbox.id)}
                onChange={(e) => onChange({ ...filter, inboxIds: toggled(filter.inboxIds, inbox.id, e.currentTarget.checked) })}
              />
              {inbox.name}
            </label>
          ))}
        </div>
      </fieldset>
    </div>
  );
}
