using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Cart.Tests.Fixtures;
using Cart.Web.Admin;
using Cart.Web.Admin.Staff;
using Microsoft.EntityFrameworkCore;

namespace Cart.Tests.Admin;

/// <summary>
/// The Data Protection key ring (the keys of the console's sign-in cookies) lives in the database: with a certificate
/// configured it is stored encrypted, and every instance with the certificate reads the cookies any other wrote.
/// Production refuses to start without one unless told the database is protected otherwise.
/// </summary>
public sealed class KeyProtectionTests : OwnHostsTest, IDisposable
{
    private const string Password = "a-test-certificate-password";
    private readonly string _certificate = Path.Combine(Path.GetTempPath(), $"cart-keys-{Guid.NewGuid():N}.pfx");

    public KeyProtectionTests()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=cart-data-protection-test", rsa, HashAlgorithmName.SHA256,
            RSASignaturePadding.Pkcs1);
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        File.WriteAllBytes(_certificate, certificate.Export(X509ContentType.Pfx, Password));
    }

    public void Dispose() => File.Delete(_certificate);

    [Fact]
    public async Task SignIn_WithACertificate_StoresTheKeyEncryptedAndAnotherInstanceReadsTheCookie()
    {
        var first = Own(new CartAppFactory(Database, settings: Certificate()));
        var signIn = await first.ClientWithoutRedirects().SignInAsync(await first.NewStaffAsync(StaffRoles.Admin),
            TestStaff.Password);
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("cart_staff=", StringComparison.Ordinal));
        var second = Own(new CartAppFactory(Database, settings: Certificate()));
        var other = second.Server.CreateClient();
        other.DefaultRequestHeaders.Add("Cookie", cookie[..cookie.IndexOf(';', StringComparison.Ordinal)]);

        var page = await other.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var stored = await first.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml).ToListAsync());
        Assert.NotEmpty(stored);
        Assert.All(stored, xml =>
        {
            Assert.Contains("encryptedSecret", xml!, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml!, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Start_InProductionWithoutACertificate_FailsNamingTheSetting()
    {
        var host = Own(new CartAppFactory(Database, "Production"));

        var error = Assert.ThrowsAny<Exception>(() => host.Server);

        Assert.Contains("DataProtection:CertificatePath is not set in Production", error.ToString(),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Start_WithAWrongCertificatePassword_FailsNamingTheSetting()
    {
        var settings = Certificate();
        settings["DataProtection:CertificatePassword"] = "not-the-password";
        var host = Own(new CartAppFactory(Database, settings: settings));

        var error = Assert.ThrowsAny<Exception>(() => host.Server);

        Assert.Contains("DataProtection:CertificatePath (", error.ToString(),
            StringComparison.Ordinal);
    }

    private Dictionary<string, string?> Certificate() => new()
    {
        ["DataProtection:CertificatePath"] = _certificate,
        ["DataProtection:CertificatePassword"] = Password,
    };
}
