using System.Reflection;
using Cart.Domain.Carts;
using Microsoft.AspNetCore.Components;

namespace Cart.Tests.Architecture;

/// <summary>
/// Console pages are given read models, never a domain aggregate: a component that holds a <see cref="ShoppingCart"/>
/// could call its methods, and would show whatever shape the aggregate has today. Every parameter of every component
/// of the console, and what its type carries (public properties and generic arguments of the project's own types), is
/// checked for an aggregate.
/// </summary>
public sealed class ConsolePageModelTests
{
    private static readonly Assembly DomainAssembly = typeof(ShoppingCart).Assembly;

    [Fact]
    public void ConsoleComponents_WhenCompiled_TakeNoAggregateAsAParameter()
    {
        var offending = AggregatesReachingParameters(typeof(Program).Assembly);

        Assert.True(offending.Count == 0, "Console components given an aggregate: " + string.Join("; ", offending));
    }

    // Guards the rule against passing vacuously: an aggregate behind a record in a parameter is found.
    [Fact]
    public void AggregateCheck_WhenAParameterCarriesAnAggregate_SeesIt()
    {
        var offending = AggregatesReachingParameters(typeof(ConsolePageModelTests).Assembly);

        Assert.Contains(offending, o => o.Contains(nameof(SampleCartPanel), StringComparison.Ordinal)
                                        && o.Contains(nameof(ShoppingCart), StringComparison.Ordinal));
        Assert.Contains(nameof(ShoppingCart), Aggregates().Select(t => t.Name));
    }

    /// <summary>The domain's aggregates and their parts: its classes that EF materialises (a non-public parameterless
    /// constructor) and that are not plain records.</summary>
    private static IEnumerable<Type> Aggregates() =>
        DomainAssembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false }
                                             && t.GetMethod("<Clone>$") is null
                                             && t.GetConstructor(BindingFlags.Instance | BindingFlags.NonPublic, Type.EmptyTypes) is not null);

    private static List<string> AggregatesReachingParameters(Assembly assembly)
    {
        var aggregates = Aggregates().ToHashSet();
        var offending = new List<string>();
        foreach (var component in assembly.GetTypes().Where(t => typeof(IComponent).IsAssignableFrom(t) && !t.IsAbstract))
        {
            var parameters = component.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                .Where(p => p.IsDefined(typeof(ParameterAttribute)) || p.IsDefined(typeof(CascadingParameterAttribute)));
            foreach (var parameter in parameters)
            {
                if (Carried(parameter.PropertyType, aggregates, []) is { } aggregate)
                {
                    offending.Add($"{component.Name}.{parameter.Name} carries {aggregate.Name}");
                }
            }
        }

        return offending;
    }

    /// <summary>The first aggregate <paramref name="type"/> is or carries; null when none.</summary>
    private static Type? Carried(Type type, HashSet<Type> aggregates, HashSet<Type> seen)
    {
        if (!seen.Add(type))
        {
            return null;
        }

        if (aggregates.Contains(type))
        {
            return type;
        }

        var inner = type.IsArray ? [type.GetElementType()!] : type.IsGenericType ? type.GetGenericArguments() : [];
        var own = type.Assembly.GetName().Name?.StartsWith("Cart.", StringComparison.Ordinal) == true
            ? type.GetProperties(BindingFlags.Instance | BindingFlags.Public).Select(p => p.PropertyType)
            : [];
        return inner.Concat(own).Select(t => Carried(t, aggregates, seen)).FirstOrDefault(t => t is not null);
    }

    /// <summary>What the detail page was given before: a view whose property is the aggregate itself.</summary>
    private sealed record SampleCartView(ShoppingCart Cart, string? OwnerEmail);

    private sealed class SampleCartPanel : ComponentBase
    {
        [Parameter]
        public SampleCartView View { get; set; } = default!;
    }
}
