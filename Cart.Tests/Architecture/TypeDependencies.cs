using System.Reflection;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Cart.Tests.Architecture;

/// <summary>
/// Which types each type of an assembly uses, read from the compiled IL with Mono.Cecil: base type, interfaces,
/// fields, properties, signatures, attributes, locals and every type, method and field a method body names. Compiler
/// generated types (lambdas' closures, async state machines) count as the type that declares them, so a query written
/// in a lambda is the declaring class's dependency.
/// </summary>
internal static class TypeDependencies
{
    /// <summary>Full name of each top-level type (namespace + name) → the full names of the types it uses.</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> Of(params Assembly[] assemblies)
    {
        var uses = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var assembly in assemblies)
        {
            using var module = ModuleDefinition.ReadModule(assembly.Location);
            foreach (var type in module.GetTypes())
            {
                var owner = Outermost(type);
                if (owner.Namespace.Length == 0)
                {
                    continue; // <Module>, compiler's and the runtime's own top-level helpers
                }

                if (!uses.TryGetValue(owner.FullName, out var set))
                {
                    uses[owner.FullName] = set = new HashSet<string>(StringComparer.Ordinal);
                }

                Collect(type, set);
            }
        }

        return uses.ToDictionary(u => u.Key, IReadOnlySet<string> (u) => u.Value, StringComparer.Ordinal);
    }

    /// <summary>The namespace of a full type name (what the type's folder is).</summary>
    public static string NamespaceOf(string fullName)
    {
        var dot = fullName.LastIndexOf('.');
        return dot < 0 ? "" : fullName[..dot];
    }

    private static TypeDefinition Outermost(TypeDefinition type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type;
    }

    private static void Collect(TypeDefinition type, HashSet<string> set)
    {
        Add(type.BaseType, set);
        foreach (var item in type.Interfaces)
        {
            Add(item.InterfaceType, set);
        }

        AddAttributes(type, set);
        foreach (var field in type.Fields)
        {
            Add(field.FieldType, set);
            AddAttributes(field, set);
        }

        foreach (var property in type.Properties)
        {
            Add(property.PropertyType, set);
            AddAttributes(property, set);
        }

        foreach (var method in type.Methods)
        {
            AddMethod(method, set);
            AddAttributes(method, set);
            foreach (var parameter in method.Parameters)
            {
                AddAttributes(parameter, set);
            }

            if (!method.HasBody)
            {
                continue;
            }

            foreach (var variable in method.Body.Variables)
            {
                Add(variable.VariableType, set);
            }

            foreach (var instruction in method.Body.Instructions)
            {
                switch (instruction.Operand)
                {
                    case TypeReference operand:
                        Add(operand, set);
                        break;
                    case MethodReference operand:
                        AddMethod(operand, set);
                        break;
                    case FieldReference operand:
                        Add(operand.DeclaringType, set);
                        Add(operand.FieldType, set);
                        break;
                    case CallSite operand:
                        Add(operand.ReturnType, set);
                        break;
                }
            }
        }
    }

    private static void AddMethod(MethodReference method, HashSet<string> set)
    {
        Add(method.DeclaringType, set);
        Add(method.ReturnType, set);
        foreach (var parameter in method.Parameters)
        {
            Add(parameter.ParameterType, set);
        }

        if (method is GenericInstanceMethod generic)
        {
            foreach (var argument in generic.GenericArguments)
            {
                Add(argument, set);
            }
        }
    }

    private static void AddAttributes(Mono.Cecil.ICustomAttributeProvider provider, HashSet<string> set)
    {
        if (!provider.HasCustomAttributes)
        {
            return;
        }

        foreach (var attribute in provider.CustomAttributes)
        {
            Add(attribute.AttributeType, set);
            foreach (var argument in attribute.ConstructorArguments)
            {
                if (argument.Value is TypeReference typeArgument)
                {
                    Add(typeArgument, set);
                }
            }
        }
    }

    private static void Add(TypeReference? type, HashSet<string> set)
    {
        switch (type)
        {
            case null or GenericParameter:
                return;
            case GenericInstanceType generic:
                Add(generic.ElementType, set);
                foreach (var argument in generic.GenericArguments)
                {
                    Add(argument, set);
                }

                return;
            case TypeSpecification specification: // arrays, by-refs, pointers, modifiers
                Add(specification.ElementType, set);
                return;
        }

        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        set.Add(StripArity(type.FullName));
    }

    /// <summary><c>Outcome`1</c> → <c>Outcome</c>: a generic type is one type whatever its arguments.</summary>
    private static string StripArity(string fullName)
    {
        var tick = fullName.IndexOf('`', StringComparison.Ordinal);
        return tick < 0 ? fullName : fullName[..tick];
    }
}
