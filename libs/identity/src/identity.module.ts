import { SignInRetention } from './auth/sign-in-retention';
import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type ResolvedConfig } from '@tradefloor/core';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { AuthService } from './auth/auth.service';
import { LegalAcceptanceGate } from './auth/legal-acceptance-gate';
import { HealthDetailAccess } from './auth/health-detail-access';
import { LoginThrottle } from './auth/login-throttle';
import { PasswordHasher } from './auth/password-hasher';
import { TokenService } from './auth/token.service';
import { RefreshTokenEntity } from './entities/refresh-token.entity';
import { UserEntity } from './entities/user.entity';
import { AdminUsersController } from './users/admin-users.controller';
import { UsersService } from './users/users.service';
import { AccountMailJob } from './verification/account-mail.job';
import { EmailVerification } from './verification/email-verification.service';
import { AccountPersonalData } from './privacy/account-personal-data';

/** Users, authentication and authorisation. Global so every context can use @Auth(). */
@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([UserEntity, RefreshTokenEntity]),
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: ResolvedConfig) => ({ secret: config.jwtSecret, signOptions: { algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] } }),
    }),
  ],
  controllers: [AuthController, AdminUsersController],
  providers: [
    AccountPersonalData,
    AuthService,
    TokenService,
    PasswordHasher,
    UsersService,
    AuthGuard,
    LoginThrottle,
    EmailVerification,
    AccountMailJob,
    HealthDetailAccess,
    SignInRetention,
    LegalAcceptanceGate,
  ],
  exports: [UsersService, AuthGuard, TokenService, PasswordHasher, AuthService, EmailVerification, LegalAcceptanceGate],
})
export class IdentityModule {}
