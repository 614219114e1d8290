namespace Cart.Web.Platform.DataProtection;

/// <summary>
/// How the Data Protection key ring (the keys of the console's sign-in cookies and antiforgery tokens, stored in the
/// database so every instance shares them) is encrypted at rest: with an X.509 certificate, which every instance
/// loads. Outside Development a Production start refuses to go without one unless
/// <see cref="AllowUnprotectedKeys"/> says the database is protected otherwise; other environments warn.
/// </summary>
public sealed class KeyProtectionOptions
{
    public const string SectionName = "DataProtection";

    /// <summary>A PKCS#12 (.pfx) file holding the certificate and its private key.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The password of <see cref="CertificatePath"/>, if it has one.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>Production only: start without a certificate, keeping the keys readable to whoever reads the
    /// database (for a database encrypted and access-controlled by its platform).</summary>
    public bool AllowUnprotectedKeys { get; set; }
}
