/**
 * Loads serverless.yml into immutable records: {@link dev.iotlocal.config.ServerlessConfig#load} gives a
 * {@link dev.iotlocal.config.ServiceDefinition} or throws a {@link dev.iotlocal.config.ConfigException} whose
 * message starts with {@code serverless.yml:line:column (key.path)} and ends with the fix.
 *
 * <h2>What is read, and how it differs from serverless</h2>
 * <ul>
 *   <li>YAML is typed by the YAML 1.2 core schema, as js-yaml (serverless's parser) does: {@code yes} and
 *       {@code 2016-03-23} stay text. Duplicate keys are errors, as in js-yaml. Anchors and {@code <<} merges work.</li>
 *   <li>Variables: {@code self}, {@code opt} (stage and region only), {@code env} (from
 *       {@link dev.iotlocal.config.LoadOptions#environment()}, never the process) and {@code sls:stage}. Sources are
 *       tried left to right ({@code ${env:A, env:B, 'x'}} or {@code ${env:A, ${env:B}}}); a fallback may be a quoted
 *       string, a number, true, false or null. Any other source is refused. Only values iotlocal reads are
 *       resolved: an {@code ${ssm:...}} in {@code custom} or {@code provider.iam} does not stop a load.</li>
 *   <li>Stage is --stage, else {@code provider.stage}, else {@code dev}; region likewise with {@code us-east-1}.</li>
 *   <li>Numbers given as text (what {@code ${env:...}} yields) are accepted for timeout, memorySize and Qos.</li>
 *   <li>Stricter than a deploy would find out later, because AWS refuses these: reserved or malformed Lambda
 *       environment names, deployed function names over 64 characters, the same method and path routed twice,
 *       duplicate rule names, remote ({@code s3://}) artifacts.</li>
 *   <li>{@code name:} on a function sets its deployed name, as in serverless; otherwise
 *       {@code <service>-<stage>-<key>}.</li>
 * </ul>
 *
 * <h2>Topic rules</h2>
 * <ul>
 *   <li>An {@code iot} event without {@code name} is named {@code <service>_<stage>_<function>_iot_<n>}, n counting
 *       that function's iot events from 1, characters outside {@code [a-zA-Z0-9_]} turned into '_'. A
 *       CloudFormation rule without {@code RuleName} is named after its logical id. A derived name that is taken
 *       gets "_2", "_3", ...; names are cut to 128 characters. Given names must be unique.</li>
 *   <li>{@code FunctionArn} may be {@code !GetAtt XLambdaFunction.Arn} (any form), an ARN string, or an ARN built
 *       with {@code !Sub}/{@code !Join}; a function of this service is reported by its key, any other Lambda by its
 *       name. Action kinds other than Lambda and Republish are kept as
 *       {@link dev.iotlocal.config.UnsupportedActionDefinition} for the caller to refuse.</li>
 *   <li>Other resource types are real AWS resources iotlocal does not emulate; they are skipped without warning.</li>
 * </ul>
 *
 * <h2>Warnings</h2>
 * Unknown keys (misspellings) and event types iotlocal does not run ({@code sqs}, {@code schedule}, ...) are
 * warnings with their place. Keys serverless knows that iotlocal has no use for (IAM, deployment, logging, plugins,
 * custom) are silent.
 */
package dev.iotlocal.config;
