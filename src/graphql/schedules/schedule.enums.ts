import { registerEnumType } from 'type-graphql';
import { ScheduleWindow } from '../../schedules/windows';

/** The schema's names for the windows the schedules module defines as plain strings. */
export const ScheduleWindowEnum: { [W in ScheduleWindow]: W } = {
  PREVIOUS_HOUR: 'PREVIOUS_HOUR',
  PREVIOUS_DAY: 'PREVIOUS_DAY',
  PREVIOUS_7_DAYS: 'PREVIOUS_7_DAYS',
  PREVIOUS_WEEK: 'PREVIOUS_WEEK',
  PREVIOUS_MONTH: 'PREVIOUS_MONTH',
  MONTH_TO_DATE: 'MONTH_TO_DATE',
};

registerEnumType(ScheduleWindowEnum, {
  name: 'ScheduleWindow',
  description:
    'The period each run exports, relative to the run, in the schedule time zone; days, weeks and months start at local midnight.',
  valuesConfig: {
    PREVIOUS_HOUR: { description: 'The whole local hour before the one the run falls in.' },
    PREVIOUS_DAY: { description: 'Yesterday, 00:00 to 24:00 local time (23 or 25 hours on a day the clocks change).' },
    PREVIOUS_7_DAYS: { description: 'The seven whole local days before the run day.' },
    PREVIOUS_WEEK: { description: 'The previous week, Monday 00:00 to Monday 00:00 local time.' },
    PREVIOUS_MONTH: { description: 'The previous calendar month.' },
    MONTH_TO_DATE: {
      description: 'From the first of the month to the run itself (a run at midnight on the 1st covers the month just ended).',
    },
  },
});

export enum SftpAuthentication {
  PRIVATE_KEY = 'privateKey',
  PASSWORD = 'password',
}

registerEnumType(SftpAuthentication, {
  name: 'SftpAuthentication',
  description: 'How an SFTP delivery logs in (the secret itself is stored encrypted and never returned).',
  valuesConfig: {
    PRIVATE_KEY: { description: 'With a private key (OpenSSH or PEM format).' },
    PASSWORD: { description: 'With a password.' },
  },
});

export enum DeliveryKind {
  SFTP = 'sftp',
  WEBHOOK = 'webhook',
}

registerEnumType(DeliveryKind, {
  name: 'ExportDeliveryKind',
  description: 'A way a scheduled export is delivered besides its download link.',
  valuesConfig: {
    SFTP: { description: 'The file uploaded to an SFTP server.' },
    WEBHOOK: { description: 'A signed POST of the finished job to the schedule webhook URL (like `notifyUrl`).' },
  },
});

export enum DeliveryStatus {
  PENDING = 'pending',
  DELIVERED = 'delivered',
  RETRYING = 'retrying',
  FAILED = 'failed',
}

registerEnumType(DeliveryStatus, {
  name: 'ExportDeliveryStatus',
  description: 'Where one delivery of an export is.',
  valuesConfig: {
    PENDING: { description: 'Not tried yet (the export is not finished, or the delivery waits for a worker).' },
    DELIVERED: { description: 'Delivered.' },
    RETRYING: { description: 'The last attempt failed (see `error`); it will be tried again, with backoff.' },
    FAILED: {
      description: 'Every attempt failed, or the failure is one a retry cannot mend (see `error`). The export itself is unaffected.',
    },
  },
});
