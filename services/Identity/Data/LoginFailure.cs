namespace PublicServices.Identity.Data;

/// <summary>
/// Failed password (or second-step code) checks counted under one key: an account from one client address, an
/// account from anywhere, or one address across accounts. Key is a hash of what is counted, so the table holds no
/// user name someone typed (people type passwords into that field). Kept in the database so every replica counts
/// together; the count starts again after a quiet spell (Identity:LoginThrottle:ForgetAfter).
/// </summary>
public sealed class LoginFailure
{
    public string Key { get; set; } = "";
    public int Failures { get; set; }
    public DateTimeOffset LastFailureAt { get; set; }
}
