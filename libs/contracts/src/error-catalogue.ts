/**
 * Every coded error Haki raises, in one table: the HTTP status it maps to when it reaches a caller,
 * whether trying again can ever succeed (consumers and job workers retry only those), and what it
 * means. Codes are `AREA.REASON`, stable across versions: clients, dead-letter records and logs key
 * on them. A new code is added here first; `HakiError` accepts no other.
 *
 * The pure libraries (matching-core, geography) cannot import contracts, so they throw their own small
 * coded errors with codes listed here too; `describeError` recognises both, and a unit test
 * (tools/architecture) checks that every code those libraries declare is in this table.
 */
export interface ErrorCatalogueEntry {
  status: number;
  retryable: boolean;
  meaning: string;
}

const entry = (status: number, retryable: boolean, meaning: string): ErrorCatalogueEntry => ({ status, retryable, meaning });

export const ERROR_CATALOGUE = {
  // The caller's request: 4xx naming what to change.
  'REFERRAL.INVALID': entry(400, false, 'The referral has missing or wrong fields; `fields` names each one and why.'),
  'REFERRAL.IDEMPOTENCY_CONFLICT': entry(409, false, 'This Idempotency-Key was already used for a different referral.'),
  'REFERRAL.NOT_FOUND_AT_INTAKE': entry(
    404,
    false,
    "No referral with this id that the caller may work on (their own organisation's, or any for a supervisor).",
  ),
  'REFERRAL.NOT_A_POSSIBLE_DUPLICATE': entry(
    409,
    false,
    'The referral is not held as a possible duplicate (decided already, or never was); the message names its status.',
  ),
  'LINK.OUTSIDE_CONSENT': entry(
    403,
    false,
    'The consent recorded for the case does not cover sharing it with this role; the details stay closed.',
  ),
  'REFERRAL.NOT_AMENDABLE': entry(
    409,
    false,
    'The referral cannot be changed now (linked to another case, withdrawn, or stored before amendments were kept); the message says why.',
  ),
  'REFERRAL.ANNOUNCING': entry(503, true, 'The referral is still being announced to matching; try again in a moment.'),
  'REFERRAL.AMENDED_MEANWHILE': entry(
    409,
    false,
    'Someone else changed the referral at the same moment; read it again and repeat the change.',
  ),
  'REFERRAL.CONSENT_WITHDRAWN': entry(409, false, 'The amended consent covers no role the case needs: withdraw the referral instead.'),
  'ORGANISATION.INVALID': entry(400, false, 'The organisation has missing or wrong fields; `fields` names each one and why.'),
  'ORGANISATION.EXISTS': entry(409, false, 'An organisation with this id is on the list already.'),
  'ORGANISATION.NOT_FOUND': entry(404, false, 'No organisation with this id on the list.'),
  'REFERRER.PHONE_INVALID': entry(400, false, 'The registered phone has missing or wrong fields; `fields` names each one and why.'),
  'REFERRAL.REFERENCE_TAKEN': entry(
    503,
    true,
    'The short reference drawn for a phone referral was taken (one in hundreds of millions); trying again draws another.',
  ),
  'REFERRAL.NOT_AWAITING_CALL_BACK': entry(
    409,
    false,
    'The referral is not waiting for a call-back (decided already, or it came from a known phone).',
  ),
  'REFERRER.RATE_LIMITED': entry(
    429,
    false,
    'This phone has sent more referrals or USSD requests than the network takes from one phone in that time; it may try again later.',
  ),
  'REFERRAL.DUPLICATE_NEEDS_SUPERVISOR': entry(
    403,
    false,
    "The referral may duplicate another organisation's case; a supervisor links it or keeps it separate.",
  ),
  'REFERRAL.URGENCY_NEEDS_SUPERVISOR': entry(
    403,
    false,
    'Only a supervisor may make a referral less urgent than its medico-legal clocks; `fields` names urgency.',
  ),
  'CASE.NOT_FOUND': entry(404, false, 'No case with this id (a referral takes a moment to become a case).'),
  'CASE.INVALID_REQUEST': entry(400, false, 'A case change, note or query has missing or wrong fields; `fields` names each one and why.'),
  'CASE.TRANSITION_NOT_ALLOWED': entry(
    409,
    false,
    "The case is not in a state this step can follow; the message names the case's current state and the steps it allows.",
  ),
  'CASE.NOT_YOURS': entry(403, false, 'A volunteer may move only the cases they are assigned to.'),
  'CASE.CHANGED_MEANWHILE': entry(409, false, 'Someone else changed the case at the same moment; read it again and repeat the change.'),
  'CASE.CHECKLIST_INCOMPLETE': entry(
    409,
    false,
    'Closing with protocol checklist items still open needs `missingItemsReason`; the message lists the open items.',
  ),
  'EVIDENCE.NOT_FOUND': entry(404, false, 'No evidence record with this id on this case.'),
  'EVIDENCE.CONTENT_MISSING': entry(409, false, 'The evidence record has no file yet: upload it first.'),
  'EVIDENCE.CONTENT_CONFLICT': entry(409, false, 'This evidence record already holds a different file; register a new record for it.'),
  'EVIDENCE.TOO_LARGE': entry(413, false, 'The file is larger than the evidence store takes; the message gives the limit.'),
  'EVIDENCE.TAMPERED': entry(
    422,
    false,
    'The stored file no longer matches what was received (its hash or its encryption tag): it has been altered or damaged.',
  ),
  'EVIDENCE.STORE_UNAVAILABLE': entry(503, true, 'The evidence store did not answer; try again.'),
  'OFFER.NOT_FOUND': entry(404, false, 'No offer with this id.'),
  'REFERRAL.NOT_FOUND': entry(404, false, 'No referral with this id in matching (a new referral takes a moment to arrive).'),
  'REFERRAL.ALREADY_WITHDRAWN': entry(409, false, 'The referral was withdrawn already; nothing changed.'),
  'REFERRAL.ALREADY_ENDED': entry(
    409,
    false,
    'The referral ended (escalated or assigned) and nobody holds it; a withdrawal would change nothing.',
  ),
  'EVENT.PUBLISH_FAILED': entry(503, true, 'The event could not be handed to Kafka; nothing was recorded. Try again.'),
  'REFERRAL.INVALID_WITHDRAWAL': entry(400, false, 'The withdrawal has missing or wrong fields; `fields` names each one and why.'),
  'OFFER.NOT_OPEN': entry(409, false, 'The offer was already answered, expired or cancelled; the answer changed nothing.'),
  'OFFER.NOT_ACCEPTED': entry(409, false, 'Progress and completion are recorded on accepted offers only; the message names its state.'),
  'OFFER.INVALID_RESPONSE': entry(400, false, 'The response has missing or wrong fields; `fields` names each one and why.'),
  'OFFER.INVALID_COMPLETION': entry(400, false, 'The completion has missing or wrong fields; `fields` names each one and why.'),
  'ASSIGNMENT.INVALID': entry(400, false, 'The assignment has missing or wrong fields; `fields` names each one and why.'),
  'ASSIGNMENT.ROLE_NOT_NEEDED': entry(409, false, "The referral's team has no such role."),
  'ASSIGNMENT.REFERRAL_CLOSED': entry(409, false, 'The referral was withdrawn or completed; nobody can be assigned to it.'),
  'ASSIGNMENT.ROLE_NOT_UNFILLED': entry(
    409,
    false,
    'Only a role left to ops is offered again; this one is still being offered, or someone holds it. Nothing changed.',
  ),
  'ASSIGNMENT.NOT_ELIGIBLE': entry(
    409,
    false,
    'The ranking would not offer the role to this professional (the message says why); give overrideReason to assign anyway.',
  ),
  'ASSIGNMENT.UNAVAILABLE': entry(
    409,
    false,
    'The professional is inactive, at capacity, lacks the role, or already holds another role here.',
  ),
  'ROSTER.INVALID': entry(400, false, 'The professional has missing or wrong fields; `fields` names each one and why.'),
  'ROSTER.IMPORT_INVALID': entry(400, false, 'Rows of the CSV import are wrong; `fields` names each row and field. Nothing was imported.'),
  'ROSTER.PROFESSIONAL_EXISTS': entry(409, false, 'A professional with this id is on the roster already; update them instead.'),
  'ROSTER.PROFESSIONAL_NOT_FOUND': entry(404, false, 'No professional with this id on the roster.'),
  'ATTENTION.INVALID_QUERY': entry(400, false, 'A filter or paging parameter is wrong; `fields` names it.'),
  'WEBHOOK.INVALID': entry(400, false, "A provider's callback lacks a field it must carry; `fields` names each one."),
  'WEBHOOK.UNAUTHENTICATED': entry(
    404,
    false,
    'A provider callback without the configured secret or a valid signature; answered as an unknown path, so it reveals nothing.',
  ),
  'LINK.INVALID': entry(404, false, 'A link that was not signed by us, was altered, or is for another page.'),
  'LINK.EXPIRED': entry(410, false, 'A link past its expiry; ops can send a new one.'),
  'LINK.USED': entry(409, false, 'A single-use link that was used already; the answer it gave stands.'),
  'LINK.NOT_CONFIRMED': entry(403, false, 'The brief opens only for the volunteer confirmed on the assignment, while they are.'),
  'CONTACT.INVALID': entry(500, false, 'Sealed contact details opened to something that is not contact details.'),
  'GEOGRAPHY.UNKNOWN_COUNTY': entry(400, false, 'Not one of the 47 counties, by name or code 1-47.'),
  'HTTP.BAD_REQUEST': entry(400, false, 'The HTTP layer could not read the request (malformed JSON, bad charset).'),
  'HTTP.NOT_FOUND': entry(404, false, 'No such endpoint.'),
  'HTTP.METHOD_NOT_ALLOWED': entry(405, false, 'The endpoint does not accept this method.'),
  'HTTP.PAYLOAD_TOO_LARGE': entry(413, false, 'The request body is larger than the endpoint accepts.'),
  'HTTP.UNSUPPORTED_MEDIA_TYPE': entry(415, false, 'The request body is not in a content type the endpoint accepts.'),

  // Events between services: a message that can never be handled goes to `<topic>.dlq` with its code.
  'EVENT.INVALID_ENVELOPE': entry(500, false, 'A message on a topic is not a Haki event envelope.'),
  'EVENT.INVALID_PAYLOAD': entry(500, false, "An event's payload does not match its topic's schema; `fields` names the problems."),
  'EVENT.WRONG_TOPIC': entry(500, false, 'An event was published on a topic of another type or version.'),
  'EVENT.UNVERSIONED_TOPIC': entry(500, false, 'A topic name lacks its `.v<n>` version suffix (a programming error).'),
  'EVENT.DEAD_LETTER_NOT_FOUND': entry(404, false, 'No dead letter with this id in this service.'),
  'EVENT.DEAD_LETTER_NOT_REPLAYABLE': entry(409, false, 'The dead letter was kept only as its size and hash, or is not a valid event.'),
  'EVENT.TOO_LARGE': entry(413, false, 'A message over the size any Haki event has; dead-lettered unread.'),
  'EVENT.TOPICS_NOT_READY': entry(
    503,
    true,
    'Topics (or broker grants) just created are not in effect yet; startup and kafka:access wait for them.',
  ),
  'EVENT.CONSUMER_STOPPING': entry(503, true, 'The consumer is shutting down; the message stays uncommitted and comes back.'),

  // Matching. MATCHING.UNKNOWN_ROLE is the service's; the others come from matching-core.
  'MATCHING.UNKNOWN_ROLE': entry(500, false, "A referral asks for a role that its service type's team does not have."),
  'MATCHING.REFERRAL_NOT_FOUND': entry(500, false, 'An event about a referral that matching never received.'),
  'MATCHING.SETTLE_PENDING': entry(
    503,
    true,
    "A referral's new state is stored but its slots or events are not settled yet; retried until they are.",
  ),
  'MATCHING.NO_ROLES': entry(500, false, 'A referral reached the offer policy without any role to fill.'),
  'MATCHING.DUPLICATE_ROLE': entry(500, false, 'A referral lists the same role twice.'),
  'MATCHING.NO_REQUIREMENT': entry(500, false, 'A team role has no credential requirements in matching-core (a programming error).'),
  'MATCHING.INVALID_DEADLINE': entry(500, false, 'A deadline is not a valid instant.'),
  'MATCHING.INVALID_WEIGHT': entry(500, false, 'A ranking weight is negative or not finite.'),
  'MATCHING.UNKNOWN_REFERRAL': entry(500, false, 'An event for a referral the offer policy has no state for.'),
  'MATCHING.DUPLICATE_PROFESSIONAL': entry(500, false, 'A roster lists the same professional twice.'),
  'MATCHING.RELEASE_WITHOUT_RESERVATION': entry(500, false, 'Capacity released that was never reserved.'),
  'MATCHING.INVALID_ROSTER': entry(
    500,
    false,
    'A roster entry breaks a rule the ranking relies on (a count out of range, accepts above offers, leave ending before it starts, ' +
      'a home base outside Kenya); the message names the professional and the field.',
  ),
  'MATCHING.INVALID_REFERRAL': entry(
    500,
    false,
    'A referral or role need given to the ranking is malformed (e.g. a location outside Kenya).',
  ),
  'MATCHING.INVALID_RANK_OPTION': entry(500, false, 'A ranking option is out of range (the list length k must be a whole number ≥ 0).'),
  'MATCHING.INVALID_NOW': entry(500, false, 'The clock reading passed to the ranking or the offer policy is not a valid instant.'),
  'MATCHING.INVALID_EVENT': entry(
    500,
    false,
    'An input to the offer policy is malformed (unknown type, missing id, candidates not a list of ids).',
  ),
  'MATCHING.INVALID_POLICY': entry(500, false, 'An offer policy row has a count or duration that is not a positive number.'),
  'MATCHING.INVALID_ROAD_NETWORK': entry(
    500,
    false,
    'The road network data names an unknown node, a segment without a positive length or known surface, or a node twice.',
  ),

  // Notifications (BullMQ jobs): a non-retryable code fails the job at once instead of retrying it.
  'NOTIFICATION.NOT_FOUND': entry(500, false, 'A send job names a notification that is not stored.'),
  'NOTIFICATION.NO_CONTACT': entry(500, false, 'The professional has no contact details for this channel.'),
  'SMS.PROVIDER_UNAVAILABLE': entry(
    502,
    true,
    'The SMS provider timed out, throttled or failed on its side; the send is retried with backoff.',
  ),
  'SMS.REJECTED': entry(
    502,
    false,
    'The SMS provider refused the message for good (invalid or blacklisted number, no balance); the message says why.',
  ),
  'EMAIL.SERVER_UNAVAILABLE': entry(502, true, 'The SMTP server could not be reached or answered 4xx (try later); the send is retried.'),
  'EMAIL.REJECTED': entry(502, false, 'The SMTP server refused the message for good (5xx: no such mailbox, relay denied).'),

  // Security and configuration.
  'ACCESS.UNAUTHENTICATED': entry(
    401,
    false,
    'No valid session (at the gateway) or service token (at a service); sign in through the gateway.',
  ),
  'ACCESS.FORBIDDEN': entry(
    403,
    false,
    "The caller's roles, organisation or offers do not include this; the message names what is needed.",
  ),
  'AUTH.INVALID': entry(400, false, 'A sign-in or account request has missing or wrong fields; `fields` names each one.'),
  'AUTH.SIGN_IN_FAILED': entry(401, false, 'Wrong username, password or code. Which one is not said.'),
  'AUTH.SECOND_FACTOR_REQUIRED': entry(401, false, 'The password was right; this account also needs its authenticator code (`totp`).'),
  'AUTH.LOCKED': entry(429, false, 'Too many failed sign-ins for this account or address; the message says when to try again.'),
  'AUTH.PROVIDER_UNAVAILABLE': entry(
    503,
    true,
    'The identity provider (OpenID Connect) does not answer; try again or sign in with a password.',
  ),
  'AUTH.CSRF': entry(403, false, "A state-changing request without the session's X-CSRF-Token header (from GET /auth/session)."),
  'AUDIT.INVALID_QUERY': entry(400, false, 'A paging parameter of the audit log is wrong; `fields` names it.'),
  'HTTP.TOO_MANY_REQUESTS': entry(429, false, 'Too many requests from this caller; Retry-After says when to try again.'),
  'GATEWAY.SERVICE_UNAVAILABLE': entry(
    502,
    true,
    'The gateway got no answer from the service behind it; the message says whether it may have acted.',
  ),
  'SEALED.INVALID': entry(500, false, 'A sealed value with a malformed authentication tag: altered or corrupted.'),
  'SEALED.UNKNOWN_KEY': entry(
    500,
    false,
    'Sealed data names a key id missing from its *_KEYS: a key was retired while data still uses it.',
  ),
  'CONFIG.INVALID': entry(500, false, 'A configuration value is missing or malformed; the message names the variable.'),

  // The service itself.
  'REFERRAL.IDEMPOTENCY_RECORD_MISSING': entry(503, true, 'The referral holding an Idempotency-Key was not readable yet; retry.'),
  'MATCHING.REFERRAL_NOT_YET_RECEIVED': entry(
    503,
    true,
    'An intake event about a referral whose submission has not reached matching yet (another topic); retried for a while.',
  ),
  'DOCS.NOT_FOUND': entry(404, false, 'No such API document or file (a process not started as a service serves none).'),
  'HEALTH.CHECK_FAILED': entry(503, true, 'A dependency (database, broker, Redis) is not usable right now.'),
  'HEALTH.TIMEOUT': entry(503, true, 'A dependency did not answer its health check in time.'),
  INTERNAL: entry(500, false, 'An unexpected error; the service log has the details under the correlation id.'),
  'INTERNAL.UNSUPPORTED': entry(500, false, 'A framework hook Haki does not implement was called.'),
} as const satisfies Record<string, ErrorCatalogueEntry>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export const isErrorCode = (code: unknown): code is ErrorCode => typeof code === 'string' && Object.hasOwn(ERROR_CATALOGUE, code);

/** The HTTP status of a code, from the table (never from the code's spelling). */
export const httpStatusOf = (code: ErrorCode): number => ERROR_CATALOGUE[code].status;

const HTTP_CODE_BY_STATUS = new Map<number, ErrorCode>(
  (Object.keys(ERROR_CATALOGUE) as ErrorCode[]).filter((code) => code.startsWith('HTTP.')).map((code) => [httpStatusOf(code), code]),
);

/** The code for a 4xx raised by the HTTP stack itself (body parser, router); other 4xx read as a bad request. */
export const httpErrorCodeFor = (status: number): ErrorCode => HTTP_CODE_BY_STATUS.get(status) ?? 'HTTP.BAD_REQUEST';
