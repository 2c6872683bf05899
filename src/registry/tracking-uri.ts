/**
 * Credentials inside a tracking URI (`https://user:pass@host`,
 * `user:pass@host`, `http://TOKEN@host`, `databricks://user:pass@profile`,
 * a DATABRICKS_HOST with userinfo), found BEFORE the URI is parsed: a
 * password holding `#`, `/` or `?` makes the URI unparsable by WHATWG URL
 * rules, and an unparsable URI must still never be printed with it.
 *
 * The split is tolerant: the userinfo is everything between `scheme://` (or
 * the start, without a scheme) and the LAST `@`. Passwords with `@`, `/`,
 * `?` or `#` therefore work unencoded; the price is that an `@` in the path
 * or query of a tracking URI must be written `%40`. Pure, no dependencies,
 * so `run()` can mask with it before anything is loaded or logged.
 */

/** A URI cut around its userinfo. */
export interface SplitUri {
  /** `https://` (with the slashes), or '' when there is no scheme. */
  scheme: string
  /** The raw userinfo (before the last '@'), or undefined when there is none. */
  userinfo?: string
  /** Host, port, path, query and fragment: the URI minus scheme and userinfo. */
  rest: string
}

/** Cuts the userinfo out of `uri` without parsing it as a URL. */
export function splitUserinfo(uri: string): SplitUri {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(uri)?.[0]
  const body = scheme ? uri.slice(scheme.length) : uri
  // Without a scheme only `user:pass@host` counts; a local path may hold an '@'.
  if (!scheme && (/^[./~\\]/.test(body) || /^[a-z]:[\\/]/i.test(body))) {
    return { scheme: '', rest: body }
  }
  const at = body.lastIndexOf('@')
  if (at < 0) return { scheme: scheme ?? '', rest: body }
  return {
    scheme: scheme ?? '',
    userinfo: body.slice(0, at),
    rest: body.slice(at + 1)
  }
}

/** The username and password of a userinfo, percent-decoded where valid. */
export function userinfoCredentials(userinfo: string): {
  username: string
  password: string
} {
  const colon = userinfo.indexOf(':')
  const [username, password] =
    colon < 0
      ? [userinfo, '']
      : [userinfo.slice(0, colon), userinfo.slice(colon + 1)]
  return { username: safeDecode(username), password: safeDecode(password) }
}

/** `Basic`'s value for a username and password, as it goes on the wire. */
export function basicHeaderValue(username: string, password: string): string {
  return Buffer.from(`${username}:${password}`).toString('base64')
}

/**
 * Every form in which the credentials of `uri` could show: the raw userinfo,
 * the password raw and decoded (the username too when it stands alone, as a
 * token: `http://TOKEN@host`), and the Basic header value. A username next
 * to a password is not masked: it is an identity, not a secret, and masking
 * a name like `admin` would blank it everywhere in the log.
 */
export function uriSecrets(uri: string | undefined): string[] {
  if (!uri) return []
  const { userinfo } = splitUserinfo(uri.trim())
  if (!userinfo) return []
  const colon = userinfo.indexOf(':')
  const rawPassword = colon < 0 ? '' : userinfo.slice(colon + 1)
  const rawUser = colon < 0 ? userinfo : userinfo.slice(0, colon)
  const { username, password } = userinfoCredentials(userinfo)
  const secrets = [userinfo, basicHeaderValue(username, password)]
  if (rawPassword) secrets.push(rawPassword, password)
  else secrets.push(rawUser, username)
  return [...new Set(secrets.filter((secret) => secret.length > 0))]
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part)
  } catch {
    return part
  }
}
