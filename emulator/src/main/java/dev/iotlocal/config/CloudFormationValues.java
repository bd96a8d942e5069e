package dev.iotlocal.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates the CloudFormation functions a topic rule's strings commonly use ({@code Ref}, {@code Fn::GetAtt},
 * {@code Fn::Sub}, {@code Fn::Join}, in long or {@code !Short} form) into text. What cannot be known locally
 * stays as a placeholder: {@code !Ref X} gives "${X}", {@code !GetAtt X.Arn} gives "${X.Arn}". Region, partition
 * and stack name are known; the account id is not.
 */
final class CloudFormationValues {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}!]+)}");

    private CloudFormationValues() {
    }

    static String evaluate(YamlValue value, BuildContext context) {
        String function = functionName(value);
        if (function == null) {
            return Values.text(value, "this value");
        }
        YamlValue argument = argument(value);
        return switch (function) {
            case "Ref" -> pseudo(Values.nonBlankText(argument, "the Ref target"), context);
            case "Fn::GetAtt" -> getAtt(argument);
            case "Fn::Sub" -> sub(argument, context);
            case "Fn::Join" -> join(argument, context);
            default -> throw new ConfigException(value.location(), "the CloudFormation function " + function
                    + " cannot be evaluated by iotlocal. Write the value literally, or use Ref, Fn::GetAtt, Fn::Sub or Fn::Join.");
        };
    }

    /** "Ref", "Fn::GetAtt", ... for {@code !Ref x} or {@code {Ref: x}}; null for a plain value. */
    private static String functionName(YamlValue value) {
        if (!value.tag().isEmpty()) {
            String name = value.tag().substring(1);
            return name.equals("Ref") || name.equals("Condition") ? name : "Fn::" + name;
        }
        if (value instanceof YamlValue.Mapping mapping && mapping.entries().size() == 1) {
            String key = mapping.entries().keySet().iterator().next();
            if (key.equals("Ref") || key.startsWith("Fn::")) {
                return key;
            }
        }
        return null;
    }

    private static YamlValue argument(YamlValue value) {
        if (value instanceof YamlValue.Mapping mapping && value.tag().isEmpty()) {
            return mapping.entries().values().iterator().next().value();
        }
        if (value instanceof YamlValue.Scalar s) {
            return new YamlValue.Scalar(s.kind(), s.text(), "", s.verbatim(), s.location());
        }
        if (value instanceof YamlValue.Sequence s) {
            return new YamlValue.Sequence(s.items(), "", s.location());
        }
        YamlValue.Mapping m = (YamlValue.Mapping) value;
        return new YamlValue.Mapping(m.entries(), "", m.location());
    }

    private static String getAtt(YamlValue argument) {
        if (argument instanceof YamlValue.Sequence sequence && sequence.items().size() == 2) {
            return "${" + Values.nonBlankText(sequence.items().get(0), "the Fn::GetAtt resource") + "."
                    + Values.nonBlankText(sequence.items().get(1), "the Fn::GetAtt attribute") + "}";
        }
        if (argument instanceof YamlValue.Scalar && Values.text(argument, "Fn::GetAtt").contains(".")) {
            return "${" + Values.text(argument, "Fn::GetAtt").strip() + "}";
        }
        throw new ConfigException(argument.location(), "Fn::GetAtt takes [LogicalId, Attribute] or "
                + "'LogicalId.Attribute', but it is " + argument.describe() + ". Write e.g. !GetAtt HelloLambdaFunction.Arn.");
    }

    private static String sub(YamlValue argument, BuildContext context) {
        if (argument instanceof YamlValue.Sequence sequence) {
            if (sequence.items().size() != 2) {
                throw new ConfigException(argument.location(), "Fn::Sub takes a template or [template, {name: value}]. Fix its arguments.");
            }
            String template = Values.text(sequence.items().get(0), "the Fn::Sub template");
            Map<String, YamlValue.Mapping.Entry> variables =
                    Values.mapping(sequence.items().get(1), "the Fn::Sub variables").entries();
            return substitute(template, name -> variables.containsKey(name)
                    ? evaluate(variables.get(name).value(), context) : pseudo(name, context));
        }
        return substitute(Values.text(argument, "the Fn::Sub template"), name -> pseudo(name, context));
    }

    private static String substitute(String template, Function<String, String> lookup) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(lookup.apply(m.group(1).strip())));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String join(YamlValue argument, BuildContext context) {
        YamlValue.Sequence sequence = Values.sequence(argument, "Fn::Join");
        if (sequence.items().size() != 2) {
            throw new ConfigException(argument.location(), "Fn::Join takes [delimiter, [values]]. Fix its arguments.");
        }
        String delimiter = sequence.items().get(0) instanceof YamlValue.Scalar s && s.isNull()
                ? "" : Values.text(sequence.items().get(0), "the Fn::Join delimiter");
        List<String> parts = new ArrayList<>();
        for (YamlValue item : Values.sequence(sequence.items().get(1), "the Fn::Join values").items()) {
            parts.add(evaluate(item, context));
        }
        return String.join(delimiter, parts);
    }

    private static String pseudo(String name, BuildContext context) {
        return switch (name) {
            case "AWS::Region" -> context.region();
            case "AWS::Partition" -> "aws";
            case "AWS::URLSuffix" -> "amazonaws.com";
            case "AWS::StackName" -> context.service() + "-" + context.stage();
            default -> "${" + name + "}";
        };
    }
}
