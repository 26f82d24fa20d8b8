import { bootstrapService } from '@haki/platform-runtime';
import { NotificationModule } from './app.module';
import { notificationConfigSchema } from './config';

void bootstrapService({
  name: 'notification-service',
  configSchema: notificationConfigSchema,
  module: NotificationModule,
  consumesEvents: true,
});
