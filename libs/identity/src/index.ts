export { IdentityModule } from './identity.module';
export { Auth, OptionalAuth, CurrentUser, AuthGuard } from './auth/auth.guard';
export type { Principal } from './auth/principal';
export { UsersService, type UserContact } from './users/users.service';
export { ROLES, type Role, UserEntity } from './entities/user.entity';
export { UserDto } from './dto/auth.dto';
export { AuthService } from './auth/auth.service';
export { TokenService, type TokenPair } from './auth/token.service';
export { LoginDto, RegisterDto } from './dto/auth.dto';
