using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cart.Infrastructure.Admin;

/// <summary>
/// The admin console's staff accounts (ASP.NET Core Identity's model, as IdentityDbContext builds it) under names that
/// say whose they are: shoppers never have rows here, they come with tokens from the identity provider.
/// </summary>
internal sealed class StaffIdentityConfiguration :
    IEntityTypeConfiguration<IdentityUser>,
    IEntityTypeConfiguration<IdentityRole>,
    IEntityTypeConfiguration<IdentityUserRole<string>>,
    IEntityTypeConfiguration<IdentityUserClaim<string>>,
    IEntityTypeConfiguration<IdentityUserLogin<string>>,
    IEntityTypeConfiguration<IdentityUserToken<string>>,
    IEntityTypeConfiguration<IdentityRoleClaim<string>>
{
    public void Configure(EntityTypeBuilder<IdentityUser> builder) => builder.ToTable("staff_users");

    public void Configure(EntityTypeBuilder<IdentityRole> builder) => builder.ToTable("staff_roles");

    public void Configure(EntityTypeBuilder<IdentityUserRole<string>> builder) => builder.ToTable("staff_user_roles");

    public void Configure(EntityTypeBuilder<IdentityUserClaim<string>> builder) => builder.ToTable("staff_user_claims");

    public void Configure(EntityTypeBuilder<IdentityUserLogin<string>> builder) => builder.ToTable("staff_user_logins");

    public void Configure(EntityTypeBuilder<IdentityUserToken<string>> builder) => builder.ToTable("staff_user_tokens");

    public void Configure(EntityTypeBuilder<IdentityRoleClaim<string>> builder) => builder.ToTable("staff_role_claims");
}
