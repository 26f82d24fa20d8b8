import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { ROLES } from '@haki/vocabulary';
import { api } from '../api';
import { Status } from '../components/field';

interface Coverage {
  targetHours: { critical: number; urgent: number; normal: number };
  counties: {
    county: string;
    roles: Record<string, { reach: { critical: number; urgent: number; normal: number }; freeWithinCritical: number }>;
  }[];
}

/**
 * Counties where some role cannot be reached within the critical on-site target from the live roster
 * (GET /api/matching/coverage): each cell the volunteers within 12 h (free now) and within 48 h.
 */
export function CoverageGaps() {
  const { t } = useTranslation();
  const coverage = useQuery({ queryKey: ['coverage'], queryFn: () => api<Coverage>('/api/matching/coverage'), refetchInterval: 60_000 });
  if (!coverage.data) return <Status loading={coverage.isPending} error={coverage.error} />;
  const { targetHours, counties } = coverage.data;
  const gaps = counties.filter((row) => ROLES.some((role) => row.roles[role]!.reach.critical === 0));
  return (
    <section aria-labelledby="coverage-title">
      <h2 id="coverage-title">{t('coverage.title')}</h2>
      <p className="hint">{t('coverage.explain', { critical: targetHours.critical, urgent: targetHours.urgent, gaps: gaps.length })}</p>
      <div className="table-wrap">
        <table className="coverage">
          <thead>
            <tr>
              <th scope="col">{t('cases.county')}</th>
              {ROLES.map((role) => (
                <th key={role} scope="col">
                  {t(`role.${role}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {gaps.map((row) => (
              <tr key={row.county} data-county={row.county}>
                <th scope="row">{row.county}</th>
                {ROLES.map((role) => {
                  const cell = row.roles[role]!;
                  return (
                    <td key={role} className={cell.reach.critical === 0 ? 'gap' : ''}>
                      {cell.reach.critical} ({cell.freeWithinCritical}) · {cell.reach.urgent}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
