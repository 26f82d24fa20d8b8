import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { nairobiShort } from '../time';
import { api, ApiError } from '../api';
import { Field, Status } from '../components/field';
import { hasRole, useSession } from '../session';

interface RosterRow {
  id: string;
  roles: string[];
  homeTown: string;
  capacity: number;
  openCases: number;
  awayUntil?: string;
  credentialsExpiring: { kind: string; expiresOn: string }[];
}

/**
 * The roster: who carries how much, who is away, whose credentials lapse soon; supervisors and admins
 * edit a volunteer and import the roster spreadsheet (ops read it).
 */
export function RosterAdmin() {
  const { t } = useTranslation();
  const { session } = useSession();
  const keeper = hasRole(session, 'supervisor', 'admin');
  const roster = useQuery({ queryKey: ['roster'], queryFn: () => api<{ professionals: RosterRow[] }>('/api/matching/professionals') });
  const [editing, setEditing] = useState<string>();
  return (
    <section aria-labelledby="roster-title">
      <h1 id="roster-title">{t('roster.title')}</h1>
      {keeper && <CsvImport />}
      <Status loading={roster.isPending} error={roster.error} />
      {roster.data && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('roster.id')}</th>
                <th scope="col">{t('roster.roles')}</th>
                <th scope="col">{t('roster.homeTown')}</th>
                <th scope="col">{t('roster.load')}</th>
                <th scope="col">{t('roster.away')}</th>
                <th scope="col">{t('roster.credentials')}</th>
                {keeper && <th scope="col">{t('roster.edit')}</th>}
              </tr>
            </thead>
            <tbody>
              {roster.data.professionals.map((row) => (
                <tr key={row.id} data-professional={row.id}>
                  <td>{row.id}</td>
                  <td>{row.roles.map((role) => t(`role.${role}`)).join(', ')}</td>
                  <td>{row.homeTown}</td>
                  <td className={row.openCases >= row.capacity ? 'full' : ''}>
                    {row.openCases} / {row.capacity}
                  </td>
                  <td>{row.awayUntil ? nairobiShort(row.awayUntil) : '—'}</td>
                  <td className={row.credentialsExpiring.length ? 'error' : ''}>
                    {row.credentialsExpiring.map((credential) => `${credential.kind} ${credential.expiresOn}`).join('; ') || '—'}
                  </td>
                  {keeper && (
                    <td>
                      <button type="button" className="secondary" onClick={() => setEditing(editing === row.id ? undefined : row.id)}>
                        {t('roster.edit')}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing && <EditVolunteer id={editing} onDone={() => setEditing(undefined)} />}
    </section>
  );
}

/** Capacity, travel range and a leave, written back as the whole stored profile (PUT /professionals/:id). */
function EditVolunteer({ id, onDone }: { id: string; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const profile = useQuery({
    queryKey: ['professional', id],
    queryFn: () => api<Record<string, unknown>>(`/api/matching/professionals/${id}`),
  });
  const [capacity, setCapacity] = useState<string>();
  const [maxTravelKm, setMaxTravelKm] = useState<string>();
  const [leaveFrom, setLeaveFrom] = useState('');
  const [leaveTo, setLeaveTo] = useState('');
  const save = useMutation({
    mutationFn: () => {
      const { id: _id, active: _active, ...stored } = profile.data!;
      const timeOff = [...((stored['timeOff'] as unknown[] | undefined) ?? [])];
      if (leaveFrom && leaveTo) timeOff.push({ from: `${leaveFrom}:00+03:00`, to: `${leaveTo}:00+03:00` });
      return api(`/api/matching/professionals/${id}`, {
        method: 'PUT',
        body: {
          ...stored,
          capacity: Number(capacity ?? stored['capacity']),
          maxTravelKm: Number(maxTravelKm ?? stored['maxTravelKm']),
          timeOff,
        },
      });
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['roster'] });
      onDone();
    },
  });
  if (!profile.data) return <Status loading={profile.isPending} error={profile.error} />;
  const fieldError = (field: string) =>
    save.error instanceof ApiError ? save.error.fields.find((f) => f.field.startsWith(field))?.reason : undefined;
  return (
    <form
      className="edit"
      aria-labelledby="edit-title"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <h2 id="edit-title">{t('roster.editTitle', { id })}</h2>
      <Field label={t('roster.capacity')} error={fieldError('capacity')}>
        <input
          name="capacity"
          type="number"
          min={0}
          max={20}
          value={capacity ?? String(profile.data['capacity'])}
          onChange={(e) => setCapacity(e.target.value)}
        />
      </Field>
      <Field label={t('roster.maxTravelKm')} error={fieldError('maxTravelKm')}>
        <input
          name="maxTravelKm"
          type="number"
          min={0}
          max={2000}
          value={maxTravelKm ?? String(profile.data['maxTravelKm'])}
          onChange={(e) => setMaxTravelKm(e.target.value)}
        />
      </Field>
      <Field label={t('roster.leaveFrom')} hint={t('intake.timesHint')} error={fieldError('timeOff')}>
        <input name="leaveFrom" type="datetime-local" value={leaveFrom} onChange={(e) => setLeaveFrom(e.target.value)} />
      </Field>
      <Field label={t('roster.leaveTo')} hint={t('intake.timesHint')}>
        <input name="leaveTo" type="datetime-local" value={leaveTo} onChange={(e) => setLeaveTo(e.target.value)} />
      </Field>
      <button type="submit" disabled={save.isPending}>
        {t('common.save')}
      </button>{' '}
      <button type="button" className="secondary" onClick={onDone}>
        {t('common.cancel')}
      </button>
      <Status error={save.error} />
    </form>
  );
}

/** The roster spreadsheet (CSV UTF-8): all rows or none; every bad row and field is listed. */
function CsvImport() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File>();
  const upload = useMutation({
    mutationFn: async () =>
      api<{ created: number; updated: number }>('/api/matching/professionals/imports', {
        method: 'POST',
        raw: { body: await file!.text(), contentType: 'text/csv' },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['roster'] }),
  });
  const problems = upload.error instanceof ApiError ? upload.error.fields : [];
  return (
    <form
      className="import"
      aria-labelledby="import-title"
      onSubmit={(event) => {
        event.preventDefault();
        if (file) upload.mutate();
      }}
    >
      <h2 id="import-title">{t('roster.import')}</h2>
      <Field label={t('roster.csvFile')} hint={t('roster.csvHint')}>
        <input
          name="csv"
          type="file"
          accept=".csv,text/csv"
          onChange={(e: ChangeEvent<HTMLInputElement>) => setFile(e.target.files?.[0])}
        />
      </Field>
      <button type="submit" disabled={!file || upload.isPending}>
        {t('roster.importButton')}
      </button>
      {upload.isSuccess && <p role="status">{t('roster.imported', upload.data)}</p>}
      {upload.error && (
        <div role="alert" className="error">
          <p>{upload.error.message.split(';')[0]}</p>
          {problems.length > 0 && (
            <ul className="row-errors">
              {problems.map((problem, index) => (
                <li key={index}>
                  {problem.field}: {problem.reason}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </form>
  );
}
