export { IdentityModule } from './identity.module';
export { Auth, OptionalAuth, CurrentUser, AuthGuard, AllowUnverified, emailNotVerifiedError } from './auth/auth.guard';
export { toPrincipal, type Principal } from './auth/principal';
export { UsersService, type UserContact } from './users/users.service';
export { ROLES, type Role, UserEntity } from './entities/user.entity';
export { UserDto } from './dto/auth.dto';
export { AuthService, REGISTRATION_ACCEPTED } from './auth/auth.service';
export { TokenService, type TokenPair } from './auth/token.service';
export { LoginDto, RegisterDto, UpdateProfileDto } from './dto/auth.dto';
export { EmailVerification } from './verification/email-verification.service';
export { VERIFY_PAGE_PATH, ACCOUNT_MAIL_QUEUE, type AccountMailPayload } from './verification/account-mail.job';
export {
  LegalAcceptanceGate,
  LegalAcceptanceRequiredError,
  type LegalAcceptanceProvider,
  type LegalVersionRef,
  type PendingLegalVersion,
  type LegalChannel,
} from './auth/legal-acceptance-gate';
export { LegalVersionRefDto, LegalAcceptanceDto } from './dto/auth.dto';
export { toUserDto } from './users/user.mapper';
