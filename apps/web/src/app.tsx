import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Redirect, Route, Router, Switch } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { LANGUAGES, type Language } from './i18n';
import { useOutbox } from './offline/use-outbox';
import { nairobiShort } from './time';
import { IntakeForm } from './screens/intake-form';
import { SignIn } from './screens/sign-in';
import { hasRole, useSession, type Role, type Session } from './session';

// The intake form comes with the first load (it must open on a slow line, and offline); the other
// screens are fetched when first opened, so an intake worker's phone never downloads the ops map.
const CaseDetail = lazy(() => import('./screens/case-detail').then((module) => ({ default: module.CaseDetail })));
const CaseList = lazy(() => import('./screens/case-list').then((module) => ({ default: module.CaseList })));
const OpsDashboard = lazy(() => import('./screens/ops-dashboard').then((module) => ({ default: module.OpsDashboard })));
const RosterAdmin = lazy(() => import('./screens/roster-admin').then((module) => ({ default: module.RosterAdmin })));
const SystemHealthPanel = lazy(() => import('./screens/system-health').then((module) => ({ default: module.SystemHealthPanel })));
const VolunteerView = lazy(() => import('./screens/volunteer').then((module) => ({ default: module.VolunteerView })));

/** Which screens each role opens (the services check every call again; this only hides what would be refused). */
const SCREENS: { path: string; label: string; roles: Role[] }[] = [
  { path: '/intake', label: 'nav.intake', roles: ['intake', 'supervisor'] },
  { path: '/referrals', label: 'nav.myReferrals', roles: ['intake'] },
  { path: '/ops', label: 'nav.ops', roles: ['ops', 'supervisor'] },
  { path: '/cases', label: 'nav.cases', roles: ['ops', 'supervisor', 'auditor'] },
  { path: '/offers', label: 'nav.offers', roles: ['professional'] },
  { path: '/roster', label: 'nav.roster', roles: ['ops', 'supervisor', 'admin'] },
  { path: '/system', label: 'nav.system', roles: ['admin', 'auditor'] },
];

const homeOf = (session: Session) => SCREENS.find((screen) => hasRole(session, ...screen.roles))?.path ?? '/cases';

export function App() {
  const { session } = useSession();
  const { t } = useTranslation();
  if (session === undefined) return <p aria-busy="true">{t('common.loading')}</p>;
  return (
    <Router hook={useHashLocation}>
      <Header />
      <main id="main">
        {session === null ? (
          <SignIn />
        ) : (
          <Suspense fallback={<p aria-busy="true">{t('common.loading')}</p>}>
            <Switch>
              <Route path="/intake">
                <Only session={session} roles={['intake', 'supervisor']}>
                  <IntakeForm />
                </Only>
              </Route>
              <Route path="/referrals">
                <Only session={session} roles={['intake']}>
                  <CaseList title={t('nav.myReferrals')} withdraw />
                </Only>
              </Route>
              <Route path="/ops">
                <Only session={session} roles={['ops', 'supervisor']}>
                  <OpsDashboard />
                </Only>
              </Route>
              <Route path="/cases">
                <Only session={session} roles={['ops', 'supervisor', 'auditor']}>
                  <CaseList title={t('cases.title')} />
                </Only>
              </Route>
              <Route path="/cases/:id">{(params) => <CaseDetail caseId={params.id} />}</Route>
              <Route path="/offers">
                <Only session={session} roles={['professional']}>
                  <VolunteerView />
                </Only>
              </Route>
              <Route path="/roster">
                <Only session={session} roles={['ops', 'supervisor', 'admin']}>
                  <RosterAdmin />
                </Only>
              </Route>
              <Route path="/system">
                <Only session={session} roles={['ops', 'supervisor', 'admin', 'auditor']}>
                  <SystemHealthPanel />
                </Only>
              </Route>
              <Route>
                <Redirect to={homeOf(session)} />
              </Route>
            </Switch>
          </Suspense>
        )}
      </main>
    </Router>
  );
}

function Only({ session, roles, children }: { session: Session; roles: Role[]; children: ReactNode }) {
  const { t } = useTranslation();
  return hasRole(session, ...roles) ? children : <p role="alert">{t('common.forbidden')}</p>;
}

function Header() {
  const { t, i18n } = useTranslation();
  const { session, offline, signOut } = useSession();
  return (
    <header>
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <strong className="brand">{t('app.name')}</strong>
      {session && (
        <nav aria-label="main">
          {SCREENS.filter((screen) => hasRole(session, ...screen.roles)).map((screen) => (
            <a key={screen.path} href={`#${screen.path}`}>
              {t(screen.label)}
            </a>
          ))}
        </nav>
      )}
      <span className="spacer" />
      <label className="language">
        {t('app.language')}{' '}
        <select name="language" value={i18n.language} onChange={(e) => void i18n.changeLanguage(e.target.value as Language)}>
          {Object.entries(LANGUAGES).map(([code, name]) => (
            <option key={code} value={code}>
              {name}
            </option>
          ))}
        </select>
      </label>
      {session && (
        <button type="button" className="secondary" onClick={() => void signOut()}>
          {t('app.signOut')} ({session.username})
        </button>
      )}
      {offline && <p className="offline">{t('app.offline')}</p>}
      {session && hasRole(session, 'intake', 'supervisor') && <OutboxBar />}
    </header>
  );
}

function OutboxBar() {
  const { t } = useTranslation();
  const { waiting, sendNow, discardOne } = useOutbox();
  if (waiting.length === 0) return null;
  const refused = waiting.filter((item) => item.refusal);
  const pending = waiting.length - refused.length;
  return (
    <div className="outbox" role="status">
      {pending > 0 && (
        <p>
          {t('intake.waiting', { count: pending })}{' '}
          <button type="button" onClick={() => void sendNow()}>
            {t('intake.sendNow')}
          </button>
        </p>
      )}
      {refused.map((item) => (
        <p key={item.idempotencyKey} className="error">
          {t('intake.refused', { at: nairobiShort(item.queuedAt), reason: item.refusal })}{' '}
          <button type="button" className="secondary" onClick={() => void discardOne(item.idempotencyKey)}>
            {t('intake.discard')}
          </button>
        </p>
      ))}
    </div>
  );
}
