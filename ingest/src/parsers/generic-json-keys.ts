import type { EcsFieldPath } from './generic-fields.ts';

/**
 * Where well-known fields hide in JSON that no parser knows. Keys are compared normalized
 * (lowercase, without `_`, `-` and spaces), so `client_ip`, `clientIp` and `ClientIP` are one
 * candidate; a dotted candidate matches a nested path (`{"source":{"ip":…}}`) or a literal dotted
 * key (`{"source.ip":…}`). ECS paths come first, so an event that is already ECS keeps its fields.
 * Within a field the first candidate holding an acceptable value wins.
 */
// prettier-ignore
export const JSON_FIELD_KEYS: Readonly<Partial<Record<EcsFieldPath, readonly string[]>>> = {
  '@timestamp': [
    '@timestamp', 'timestamp', 'time', 'ts', 'datetime', 'date', 'eventtime', 'event.created', 'created',
    'createdat', 'timegenerated', 'occurredat', 'published', 'loggedat', 'logtime', 'eventtimestamp',
    'creationtime', 'when',
  ],
  message: [
    'message', 'msg', 'description', 'displaymessage', 'shortmessage', 'fullmessage', 'summary', 'text',
    'log', 'body', 'details', 'detail',
  ],
  'event.action': [
    'event.action', 'action', 'eventaction', 'eventname', 'eventtype', 'auditevent', 'auditeventtype', 'event',
    'activity', 'operation', 'operationname', 'type',
  ],
  'event.id': ['event.id', 'eventid', 'eventuuid', 'auditid', 'uuid', 'guid'],
  'event.code': ['event.code', 'eventcode', 'code', 'signatureid'],
  'event.outcome': ['event.outcome', 'outcome', 'outcome.result', 'result', 'status', 'success', 'resultcode'],
  'event.severity': ['event.severity', 'log.level', 'level', 'severity', 'loglevel', 'levelname', 'severitytext'],
  'event.reason': ['event.reason', 'reason', 'failurereason'],
  'event.provider': ['event.provider', 'provider', 'eventsource'],
  'user.email': ['user.email', 'email', 'useremail', 'mail', 'emailaddress'],
  'user.id': ['user.id', 'userid', 'uid', 'accountid'],
  'source.ip': [
    'source.ip', 'client.ip', 'ip', 'clientip', 'srcip', 'sourceip', 'sourceipaddress', 'remoteaddr',
    'remoteaddress', 'remoteip', 'ipaddress', 'ipaddr', 'clientaddress', 'calleripaddress', 'client.ipaddress',
    'req.remoteaddress', 'request.remoteaddress', 'xforwardedfor', 'xrealip', 'deviceip', 'src',
  ],
  'source.port': ['source.port', 'client.port', 'srcport', 'sourceport', 'sport', 'clientport', 'remoteport'],
  'source.address': ['source.address', 'clienthost', 'remotehost', 'sourcehost'],
  'source.domain': ['source.domain'],
  'destination.ip': [
    'destination.ip', 'server.ip', 'dstip', 'destip', 'destinationip', 'destinationipaddress', 'serverip', 'dst',
  ],
  'destination.port': [
    'destination.port', 'server.port', 'dstport', 'destport', 'destinationport', 'dport', 'serverport',
  ],
  'destination.address': ['destination.address', 'dsthost', 'desthost', 'destinationhost'],
  'host.name': ['host.name', 'hostname', 'host', 'computer', 'computername', 'server', 'servername', 'machine'],
  'http.request.method': [
    'http.request.method', 'method', 'httpmethod', 'requestmethod', 'request.method', 'req.method', 'verb',
  ],
  'http.response.status_code': [
    'http.response.status_code', 'statuscode', 'status', 'responsecode', 'httpstatus', 'responsestatus',
    'response.status', 'response.statuscode', 'res.statuscode',
  ],
  'url.original': ['url.original', 'url', 'requesturl', 'uri', 'requesturi', 'request.url', 'req.url'],
  'url.path': ['url.path', 'path', 'requestpath', 'request.path'],
  'url.query': ['url.query', 'query', 'querystring'],
  'user_agent.original': [
    'user_agent.original', 'useragent', 'httpuseragent', 'ua', 'client.useragent.rawuseragent', 'request.useragent',
  ],
  'service.name': ['service.name', 'service', 'servicename', 'app', 'appname', 'application', 'program'],
  'observer.vendor': ['observer.vendor', 'vendor'],
  'observer.product': ['observer.product', 'product'],
};

/**
 * Objects that wrap the event (Splunk HEC `event`, EventBridge `detail`, a logger's `data`…). Fields
 * the top level lacks are looked for one level inside them, never deeper.
 */
export const WRAPPER_KEYS = ['event', 'detail', 'data', 'payload', 'message', 'body', 'record', 'attributes'] as const;

/** Keys that hold the actor: a name, or an object with name/email/id inside (authentik, Okta, CloudTrail). */
// prettier-ignore
export const USER_KEYS = [
  'user', 'username', 'user.name', 'login', 'account', 'accountname', 'actor', 'principal', 'useridentity',
  'initiator', 'requester', 'performedby',
] as const;

/** Keys that hold the affected user, same shapes as USER_KEYS. */
// prettier-ignore
export const TARGET_USER_KEYS = [
  'user.target', 'user.target.name', 'targetuser', 'targetusername', 'tousername', 'destinationuser',
  'affecteduser',
] as const;

/** Inside a user object: its name, email and id. */
export const USER_OBJECT_KEYS = {
  name: ['name', 'username', 'login', 'alternateid', 'displayname', 'arn', 'principalname'],
  email: ['email', 'mail', 'emailaddress'],
  id: ['id', 'pk', 'uid', 'userid', 'principalid'],
} as const;

/**
 * Generic ids that are only taken as event.id when they look globally unique (a UUID, ULID or a
 * long hex string): a record id that repeats across sources would make documents overwrite each
 * other, since the document id derives from event.id.
 */
export const UNIQUE_ID_KEYS = ['id', '_id', 'pk'] as const;

/** The ECS values Vigil uses, for events that already say their category and type. */
// prettier-ignore
export const ECS_CATEGORIES = new Set([
  'api', 'authentication', 'configuration', 'database', 'file', 'host', 'iam', 'intrusion_detection', 'malware',
  'network', 'package', 'process', 'session', 'threat', 'vulnerability', 'web',
]);

// prettier-ignore
export const ECS_TYPES = new Set([
  'access', 'admin', 'allowed', 'change', 'connection', 'creation', 'deletion', 'denied', 'end', 'error', 'group',
  'indicator', 'info', 'installation', 'protocol', 'start', 'user',
]);
