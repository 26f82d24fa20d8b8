import { ROLES, SERVICE_TEAMS, SERVICE_TYPES, teamRolesFor } from './index';

describe('shared vocabulary', () => {
  it('gives every service type a team whose lead role is required and whose roles are known and distinct', () => {
    for (const serviceType of SERVICE_TYPES) {
      const team = SERVICE_TEAMS[serviceType];
      expect(team[0]?.required).toBe(true);
      const roles = teamRolesFor(serviceType);
      expect(new Set(roles).size).toBe(roles.length);
      for (const role of roles) expect(ROLES).toContain(role);
    }
  });

  it('sends a pathologist first to a postmortem and a clinician first to torture documentation', () => {
    expect(teamRolesFor('postmortem')).toEqual(['forensic-pathologist', 'advocate']);
    expect(teamRolesFor('torture-documentation')[0]).toBe('clinician');
  });
});
