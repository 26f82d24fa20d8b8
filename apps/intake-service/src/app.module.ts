import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule, type ServiceRuntime } from '@haki/platform-runtime';
import { ReferralsModule } from './referrals/referrals.module';

@Module({})
export class IntakeModule {
  static forRuntime(runtime: ServiceRuntime): DynamicModule {
    return { module: IntakeModule, imports: [PlatformModule.forRuntime(runtime), ReferralsModule] };
  }
}
