/**
 * Prints, as JSON, the environment variables each Haki program reads: the keys of its config schema,
 * plus SERVICE (the image's command picks the program with it). deploy/helm/check.sh hands this to
 * k8s-validate -env-names, which fails a rendered Deployment that sets any other name, so the chart
 * cannot drift from apps/<program>/src/config.ts unnoticed.
 */
import { caseConfigSchema } from '../../apps/case-service/src/config';
import { gatewayConfigSchema } from '../../apps/gateway/src/config';
import { intakeConfigSchema } from '../../apps/intake-service/src/config';
import { matchingConfigSchema } from '../../apps/matching-service/src/config';
import { notificationConfigSchema } from '../../apps/notification-service/src/config';

const schemas = {
  'intake-service': intakeConfigSchema,
  'matching-service': matchingConfigSchema,
  'notification-service': notificationConfigSchema,
  'case-service': caseConfigSchema,
  gateway: gatewayConfigSchema,
};

const names = Object.fromEntries(
  Object.entries(schemas).map(([program, schema]) => [program, ['SERVICE', ...Object.keys(schema.shape)].sort()]),
);
process.stdout.write(`${JSON.stringify(names, null, 2)}\n`);
