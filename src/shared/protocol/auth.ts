import { Type, type Static } from 'typebox';

// Length caps here are generous transport limits; the real rules (username pattern, password policy) are checked
// by the domain so that each broken rule can be named in the error.
export const Credentials = Type.Object(
  {
    username: Type.String({ maxLength: 200 }),
    password: Type.String({ maxLength: 4096 }),
  },
  { additionalProperties: false },
);
export type Credentials = Static<typeof Credentials>;

export const SignupRequest = Type.Object(
  {
    username: Type.String({ maxLength: 200 }),
    password: Type.String({ maxLength: 4096 }),
    confirmPassword: Type.String({ maxLength: 4096 }),
  },
  { additionalProperties: false },
);
export type SignupRequest = Static<typeof SignupRequest>;

export const ChangePasswordRequest = Type.Object(
  {
    currentPassword: Type.String({ maxLength: 4096 }),
    newPassword: Type.String({ maxLength: 4096 }),
    confirmPassword: Type.String({ maxLength: 4096 }),
  },
  { additionalProperties: false },
);
export type ChangePasswordRequest = Static<typeof ChangePasswordRequest>;

export const ResetPasswordRequest = Type.Object(
  {
    token: Type.String({ minLength: 1, maxLength: 200 }),
    password: Type.String({ maxLength: 4096 }),
    confirmPassword: Type.String({ maxLength: 4096 }),
  },
  { additionalProperties: false },
);
export type ResetPasswordRequest = Static<typeof ResetPasswordRequest>;

export const PublicUser = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
});
export type PublicUser = Static<typeof PublicUser>;

export const SignupMode = Type.Union([Type.Literal('open'), Type.Literal('closed')]);
export type SignupMode = Static<typeof SignupMode>;

export const SessionInfo = Type.Object({
  user: Type.Union([PublicUser, Type.Null()]),
  csrfToken: Type.String(),
  passwordPolicy: Type.Object({ minLength: Type.Integer() }),
  /** "closed": the sign-up form would be refused (403 SIGNUP_CLOSED); the admin creates accounts instead. */
  signup: SignupMode,
});
export type SessionInfo = Static<typeof SessionInfo>;

/**
 * Deleting your own account. "soft": your messages stay, shown as from "Deleted user"; "hard": they are deleted
 * everywhere too. Either way your sessions end and your username is free again.
 */
export const DeleteAccountRequest = Type.Object(
  {
    password: Type.String({ maxLength: 4096 }),
    mode: Type.Union([Type.Literal('soft'), Type.Literal('hard')]),
  },
  { additionalProperties: false },
);
export type DeleteAccountRequest = Static<typeof DeleteAccountRequest>;

export const AuthResult = Type.Object({
  user: PublicUser,
  csrfToken: Type.String(),
});
export type AuthResult = Static<typeof AuthResult>;

export const IceServers = Type.Object({
  iceServers: Type.Array(Type.Object({ urls: Type.Array(Type.String()) })),
});
export type IceServers = Static<typeof IceServers>;

export const ErrorResponse = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    details: Type.Optional(Type.Unknown()),
  }),
});

/** Header that carries the CSRF token on every state-changing request. */
export const CSRF_HEADER = 'x-csrf-token';
