using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Cart.Infrastructure.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace Cart.Web.Platform.DataProtection;

/// <summary>
/// Data Protection for every instance: one application name and one key ring, in the database, so each instance
/// reads the cookies and antiforgery tokens any other wrote; the keys encrypted there with the certificate of
/// <see cref="KeyProtectionOptions"/> when one is configured (read here, as the builder needs it: a certificate that
/// does not load stops the start).
/// </summary>
public static partial class KeyProtectionSetup
{
    public static IServiceCollection AddCartDataProtection(this IServiceCollection services,
        IConfiguration configuration)
    {
        var settings = configuration.GetSection(KeyProtectionOptions.SectionName).Get<KeyProtectionOptions>()
                       ?? new KeyProtectionOptions();
        var dataProtection = services.AddDataProtection()
            .SetApplicationName("cart")
            .PersistKeysToDbContext<CartDbContext>();
        if (!string.IsNullOrEmpty(settings.CertificatePath))
        {
            dataProtection.ProtectKeysWithCertificate(Load(settings));
        }

        services.AddOptions<KeyProtectionOptions>()
            .BindConfiguration(KeyProtectionOptions.SectionName)
            .Validate<IHostEnvironment>((o, environment) => !string.IsNullOrEmpty(o.CertificatePath)
                                                            || !environment.IsProduction() || o.AllowUnprotectedKeys,
                "DataProtection:CertificatePath is not set in Production: the keys of the console's sign-in cookies " +
                "would be stored in the database unencrypted, and whoever reads the database could forge a staff " +
                "sign-in. Set DataProtection:CertificatePath (a .pfx file) and DataProtection:CertificatePassword, or " +
                "DataProtection:AllowUnprotectedKeys=true if the database is protected otherwise.")
            .ValidateOnStart();
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>, WarnWhenUnprotected>();
        return services;
    }

    private static X509Certificate2 Load(KeyProtectionOptions options)
    {
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath!,
                options.CertificatePassword);
            return certificate.HasPrivateKey
                ? certificate
                : throw new InvalidOperationException(
                    $"DataProtection:CertificatePath ({options.CertificatePath}) holds no private key.");
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException(
                $"DataProtection:CertificatePath ({options.CertificatePath}) does not name a readable PKCS#12 file " +
                "with a private key: check the path and DataProtection:CertificatePassword.", e);
        }
    }

    /// <summary>Outside Development, a key ring stored in plain text is said at start, naming the setting.</summary>
    private sealed partial class WarnWhenUnprotected(IHostEnvironment environment, ILoggerFactory loggers)
        : IConfigureOptions<KeyManagementOptions>
    {
        public void Configure(KeyManagementOptions keys)
        {
            if (keys.XmlEncryptor is null && !environment.IsDevelopment())
            {
                LogUnprotected(loggers.CreateLogger("Cart.DataProtection"), environment.EnvironmentName);
            }
        }

        [LoggerMessage(LogLevel.Warning, "Data Protection keys are stored in the database UNENCRYPTED in {Environment}: " +
                                         "whoever reads the database can forge a console sign-in. Set DataProtection:CertificatePath")]
        private static partial void LogUnprotected(ILogger logger, string environment);
    }
}
