using System.ComponentModel.DataAnnotations;

namespace Cart.Web.Admin.Users;

/// <summary>
/// The service's public address, which links in emails point at. One setting for every email the service sends:
/// <c>Reminders:PublicBaseUrl</c>, where the first emails (the reminders) put it and where it is checked at start.
/// </summary>
internal sealed class PublicAddressOptions
{
    public const string SectionName = "Reminders";

    [Required]
    public Uri PublicBaseUrl { get; set; } = new("http://localhost:5205");
}
