using Focalizacion.Access;
using Microsoft.AspNetCore.Authorization;

namespace Focalizacion.Service.Identity;

/// <summary>An endpoint's requirement: the caller's role may <see cref="Capability"/> (<see cref="AccessPolicy"/>).</summary>
internal sealed record CapabilityRequirement(Capability Capability) : IAuthorizationRequirement;

/// <summary>Decides <see cref="CapabilityRequirement"/> from the user <see cref="CallerMiddleware"/> loaded.</summary>
internal sealed class CapabilityHandler(IHttpContextAccessor accessor) : AuthorizationHandler<CapabilityRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, CapabilityRequirement requirement)
    {
        if (accessor.HttpContext is { } http && Caller.Find(http) is { } user && user.May(requirement.Capability))
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}
