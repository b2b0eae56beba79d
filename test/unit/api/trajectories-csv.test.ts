/**
 * GET /trajectories.csv through its middy chain, on a real DynamoDB API (dynalite): the file's
 * format (BOM, `;`, RFC 4180 quoting, formula injection defused), the header row's language,
 * a manager's scope, every page of the list, and the overdue count.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DynamoTrajectoryRepository } from '#adapters/dynamo-repository.ts';
import type { Dossier } from '#core/model.ts';
import { newTrajectory, startedEvent } from '#core/trajectory.ts';
import { trajectoriesCsvHandler } from '#api/trajectories-csv.ts';
import { csvField, renderTrajectoriesCsv, reportRow } from '#web/trajectories-csv.ts';
import { DossierBuilder } from '../../support/dossier-builder.ts';
import { startDynalite, type LocalDynamo } from '../../support/dynalite.ts';
import {
  apiEvent,
  claimsFor,
  freshStore,
  lambdaContext,
  trajectoryInput,
  uniqueEmail,
  type Claims,
} from './support.ts';

vi.hoisted(() => {
  process.env.TABLE_NAME ??= 'unused-by-these-tests';
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
});

const NOW = new Date('2026-04-01T10:00:00.000Z');
const BOM = '\uFEFF';

let dynamo: LocalDynamo;
let repository: DynamoTrajectoryRepository;
let handler: ReturnType<typeof trajectoriesCsvHandler>;

beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(async () => {
  await dynamo.stop();
});
beforeEach(async () => {
  ({ repository } = await freshStore(dynamo));
  handler = trajectoriesCsvHandler({ repository, clock: { now: () => NOW } });
});

async function download(claims: Claims | null, query?: Record<string, string>) {
  const result = (await handler(
    apiEvent({ method: 'GET', route: '/trajectories.csv', claims, ...(query ? { query } : {}) }),
    lambdaContext(),
  )) as { statusCode: number; headers: Record<string, string>; body: string; isBase64Encoded?: boolean };
  return result;
}

/** The data rows of a CSV file as arrays of raw (still quoted) fields, header row first. */
const lines = (csv: string) => csv.replace(BOM, '').split('\r\n').filter(Boolean);

async function store(dossier: Dossier): Promise<void> {
  await repository.createTrajectory(dossier.trajectory, dossier.events);
  for (const task of dossier.tasks) await repository.createTask(task);
}

async function seed(managerEmail: string, minute: number, employeeName = 'Eva de Vries') {
  const input = trajectoryInput({
    manager: { name: 'Mark Jansen', email: managerEmail },
    employee: { name: employeeName, email: uniqueEmail('employee') },
  });
  const trajectory = newTrajectory(input, {
    id: `traj-${String(minute).padStart(3, '0')}-${Math.random().toString(36).slice(2, 8)}`,
    now: new Date(Date.UTC(2026, 2, 2, 9, minute)),
  });
  await repository.createTrajectory(trajectory, [startedEvent(trajectory)]);
  return trajectory;
}

describe('a CSV field', () => {
  it('is quoted per RFC 4180 when it holds a separator, a quote or a line break', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('de Vries; Jansen')).toBe('"de Vries; Jansen"');
    expect(csvField('Jansen, M.')).toBe('"Jansen, M."');
    expect(csvField('zei "nee"')).toBe('"zei ""nee"""');
    expect(csvField('regel 1\nregel 2')).toBe('"regel 1\nregel 2"');
  });

  it('starting like a formula gets a leading apostrophe, so a spreadsheet shows it as text', () => {
    expect(csvField('=HYPERLINK("http://evil.example","klik")')).toBe(
      `"'=HYPERLINK(""http://evil.example"",""klik"")"`,
    );
    expect(csvField('+31 6 12345678')).toBe("'+31 6 12345678");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\t=1')).toBe("'\t=1");
    expect(csvField('Anne-Marie')).toBe('Anne-Marie');
  });

  it('is defused after every separator too, for a reader that splits on `,` or `;` regardless of quotes', () => {
    expect(csvField("Jan,=cmd|' /C calc'!A0,")).toBe(`"Jan,'=cmd|' /C calc'!A0,"`);
    expect(csvField('de Vries; +31 6 12345678')).toBe(`"de Vries; '+31 6 12345678"`);
    expect(csvField('Jansen, M.')).toBe('"Jansen, M."');
    // Whatever the text: split naively on either separator, no cell starts a formula.
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', ',', ';', '=', '+', '-', '@', ' ', '\t', '"') }),
        (text) => {
          for (const cell of csvField(text).split(/[,;]/)) {
            // The quote our own quoting opens with, then any blanks, are not part of the cell.
            expect(cell.replace(/^"?\s*/, '')).not.toMatch(/^[=+\-@]/);
          }
        },
      ),
    );
  });
});

describe('the report file', () => {
  it('counts the overdue open tasks and names the failing completeness criteria, in words', () => {
    // A term running, the follow-up requested and left unanswered past its due time.
    const builder = new DossierBuilder().throughPlan();
    const meeting = builder.trajectory.meetings[0]!;
    builder.at(new Date(`${meeting.plannedOn}T07:00:00.000Z`));
    const task = builder.open('follow-up', meeting.number);
    const late = new Date(Date.parse(task.dueAt) + 60_000);

    const row = reportRow(builder.build(), late);
    const onTime = reportRow(builder.build(), new Date(Date.parse(task.dueAt) - 60_000));

    expect(row.overdueTasks).toBe(1);
    expect(onTime.overdueTasks).toBe(0);
    // Two criteria failing, as the assessment would name them once the dossier is short of them.
    const criteria = row.completeness.criteria.map((criterion, index) =>
      index < 2 ? { ...criterion, status: 'fail' as const } : criterion,
    );
    const failed = { ...row, completeness: { ...row.completeness, status: 'fail' as const, criteria } };
    const fields = lines(renderTrajectoriesCsv('nl', [failed]))[1]!.split(';');
    const english = lines(renderTrajectoriesCsv('en', [failed]))[1]!.split(';');
    expect(fields.slice(1, 4)).toEqual(['Lopend', 'Voortgang', 'nee']);
    expect(english.slice(1, 4)).toEqual(['Active', 'Follow-up', 'no']);
    expect(fields[11]).toBe('1');
    expect(fields[12]).toBe('Niet in orde');
    expect(english[12]).toBe('Not in order');
    // Names, not ids: no code of the API is left in the row.
    expect(lines(renderTrajectoriesCsv('nl', [failed]))[1]).toContain(
      ';"Verbeterpunten met concrete voorbeelden / Gesprek gevoerd, visie van de medewerker gevraagd"',
    );
  });
});

describe('the attention column', () => {
  it('says a flagged trajectory needs attention while it runs, and no more once it is closed', () => {
    // Prepare: a flag left by a late step, on a running and on a completed trajectory.
    const builder = new DossierBuilder().throughPlan();
    const running = builder.build();
    const flagged = { ...running, trajectory: { ...running.trajectory, attention: true } };
    const closed = { ...flagged, trajectory: { ...flagged.trajectory, status: 'completed' as const } };

    // Act
    const csv = renderTrajectoriesCsv('nl', [reportRow(flagged, NOW), reportRow(closed, NOW)]);

    // Assess: the fourth column, "Aandacht nodig".
    expect(
      lines(csv)
        .slice(1)
        .map((line) => line.split(';')[3]),
    ).toEqual(['ja', 'nee']);
  });
});

describe('GET /trajectories.csv', () => {
  it('gives HR every trajectory as UTF-8 with BOM, `;`-separated, header row in Dutch', async () => {
    // Prepare
    const completed = new DossierBuilder().successful().build();
    await store(completed);
    const other = await seed(uniqueEmail('manager'), 5, '=cmd|\' /C calc\'!A0; "Jansen"');

    // Act
    const reply = await download(claimsFor('hr'));

    // Assess
    expect(reply.statusCode).toBe(200);
    expect(reply.isBase64Encoded).toBe(false);
    expect(reply.headers['Content-Type']).toBe('text/csv; charset=utf-8; header=present');
    expect(reply.headers['Content-Disposition']).toBe('attachment; filename="trajecten-2026-04-01.csv"');
    expect(reply.body.startsWith(BOM)).toBe(true);
    expect(reply.body.endsWith('\r\n')).toBe(true);
    const [header, ...rows] = lines(reply.body);
    expect(header).toBe(
      'Traject-id;Status;Fase;Aandacht nodig;Gepauzeerd sinds;Medewerker;Leidinggevende;HR-adviseur;Gestart;Einde termijn;Afgesloten;Verlopen open taken;Volledigheid;Criteria niet in orde',
    );
    expect(rows).toHaveLength(2);
    const completedRow = rows.find((row) => row.startsWith(completed.trajectory.id))!;
    expect(completedRow.split(';').slice(0, 12)).toEqual([
      completed.trajectory.id,
      'Met succes afgerond',
      'Afgesloten',
      'nee',
      '',
      'Eva de Vries',
      'Mark Jansen',
      'Hanna Bakker',
      '2026-03-02 09:00',
      '2026-06-08 09:00',
      '2026-07-11 09:00',
      '0',
    ]);
    // The hostile name is one quoted, defused field.
    expect(rows.find((row) => row.startsWith(other.id))).toContain(`;"'=cmd|' /C calc'!A0; ""Jansen""";`);
  });

  it('gives the header row in English with ?lang=en, and refuses an unknown language', async () => {
    await seed(uniqueEmail('manager'), 1);

    const english = await download(claimsFor('hr'), { lang: 'en' });
    const unknown = await download(claimsFor('hr'), { lang: 'de' });

    expect(lines(english.body)[0]).toMatch(
      /^Trajectory id;Status;Phase;Needs attention;Paused since;Employee;/,
    );
    expect(english.headers['Content-Disposition']).toContain('trajectories-2026-04-01.csv');
    expect(unknown.statusCode).toBe(400);
    expect(JSON.parse(unknown.body).error.fieldErrors[0].path).toBe('lang');
  });

  it('gives a manager only their own trajectories, all of them, across pages', async () => {
    // Prepare: more than one page (100) of the manager's own, and someone else's.
    const mine = uniqueEmail('manager');
    const own = [];
    for (let minute = 0; minute < 103; minute++) own.push(await seed(mine, minute));
    const theirs = await seed(uniqueEmail('manager'), 200);

    // Act
    const reply = await download(claimsFor('manager', mine));

    // Assess
    expect(reply.statusCode).toBe(200);
    const ids = lines(reply.body)
      .slice(1)
      .map((row) => row.split(';')[0]);
    expect(new Set(ids)).toEqual(new Set(own.map((trajectory) => trajectory.id)));
    expect(ids).not.toContain(theirs.id);
  }, 60_000);

  it('refuses a caller without a token', async () => {
    const reply = await download(null);
    expect(reply.statusCode).toBe(401);
  });
});
