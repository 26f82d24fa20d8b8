import { loadConfigOrExit } from '@haki/platform-config';
import { bootstrapService } from '@haki/platform-runtime';
import { NotificationModule } from './app.module';
import { notificationConfigSchema } from './config';

const config = loadConfigOrExit(notificationConfigSchema);
void bootstrapService({
  name: 'notification-service',
  config,
  module: (runtime) => NotificationModule.forRuntime(runtime, config),
  consumesEvents: true,
});
