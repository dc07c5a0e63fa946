import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where contacts reach an inbox (its phone number, e-mail address, website, page, account or bot
 * name): the platforms keep it on the channel, and no other inbox column could hold every kind.
 */
export class InboxAddress1770410000000 implements MigrationInterface {
  name = 'InboxAddress1770410000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE inboxes ADD COLUMN address text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE inboxes DROP COLUMN address`);
  }
}
