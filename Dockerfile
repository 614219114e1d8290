# The Cart service as a container image: built and published with the .NET SDK, run on the ASP.NET Core runtime
# image as its non-root `app` user. How to build and run it: README.md, "Container".

# --- build: restore, then publish Cart.Web (Release) ---------------------------------------------------------------
# The floating 10.0 tag ships the newest SDK feature band; global.json asks for 10.0.401 or a later band.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Project and package files first: the restore layer is reused until a dependency changes, not on every code change.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY Cart.Domain/Cart.Domain.csproj Cart.Domain/
COPY Cart.Infrastructure/Cart.Infrastructure.csproj Cart.Infrastructure/
COPY Cart.Web/Cart.Web.csproj Cart.Web/
RUN dotnet restore Cart.Web/Cart.Web.csproj

# The sources (.dockerignore keeps out tests, build output, local databases and development settings).
# Publish restores again, a no-op unless a project was added that the list above does not name yet.
COPY . .
RUN dotnet publish Cart.Web/Cart.Web.csproj -c Release -o /app -p:UseAppHost=false --nologo

# --- runtime: only the published output ------------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app

# Production (what ASP.NET Core assumes when nothing is set; said outright here): appsettings.Development.json is not
# in the image and the demo token route stays off, so the service starts only with the keys, the public address, the
# Data Protection certificate and the database the operator passes in, and with no demo data. Port 8080, which a
# non-root user may bind; the HEALTHCHECK follows ASPNETCORE_HTTP_PORTS.
ENV ASPNETCORE_ENVIRONMENT=Production \
    ASPNETCORE_HTTP_PORTS=8080 \
    Auth__DemoTokens__Enabled=false

# Owned by root and read-only to the service; only data/ (the SQLite file, when no database server is configured) is
# the service's to write.
COPY --from=build /app ./
RUN mkdir data && chown app:app data

USER $APP_UID
EXPOSE 8080

# The liveness probe, /health/live (the readiness probe is /health/ready). The image has no curl or wget; bash's
# /dev/tcp speaks the one HTTP request needed, so nothing is installed for it.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${ASPNETCORE_HTTP_PORTS%%[,;]*} && printf 'GET /health/live HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && read -r -t 4 _ status _ <&3 && [[ $status == 200 ]]"]

ENTRYPOINT ["dotnet", "Cart.Web.dll"]
