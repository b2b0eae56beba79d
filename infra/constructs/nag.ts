import { Stack, Validations } from 'aws-cdk-lib';
import type { Grant } from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';

/**
 * How cdk-nag spells a token in a finding: a `GetAtt` becomes `<LogicalId.Attribute>` and a
 * `Ref` becomes `<LogicalId>`; literal parts of a `Join` stay as they are. Acknowledgements of
 * wildcard findings (`AwsSolutions-IAM5[Resource::<Table.Arn>/index/*]`) have to name the
 * resource exactly like that, and logical ids change with the construct tree, so they are
 * computed rather than written out.
 */
export function nagReference(scope: IConstruct, value: string): string {
  return render(Stack.of(scope).resolve(value));
}

function render(value: unknown): string {
  if (typeof value === 'string') return value.replace(/\$\{/g, '<').replace(/\}/g, '>');
  if (value && typeof value === 'object') {
    const node = value as Record<string, unknown>;
    const getAtt = node['Fn::GetAtt'];
    if (Array.isArray(getAtt)) return `<${getAtt.map(render).join('.')}>`;
    if (node.Ref !== undefined) return `<${render(node.Ref)}>`;
    const join = node['Fn::Join'];
    if (Array.isArray(join)) {
      const [separator, parts] = join as [string, unknown[]];
      return parts.map(render).join(separator);
    }
    if (node['Fn::Sub'] !== undefined) return render(node['Fn::Sub']);
    if (node['Fn::ImportValue'] !== undefined) return render(node['Fn::ImportValue']);
  }
  // cdk-nag's own fallback for anything else (Fn::Select, Fn::Split, ...).
  return JSON.stringify(value);
}

/**
 * Acknowledges the wildcard findings (AwsSolutions-IAM5) of exactly the statements one grant
 * added, with the reason that grant has for them. Nothing else on the principal is covered.
 */
export function acknowledgeGrantWildcards(scope: IConstruct, grant: Grant, reason: string): void {
  for (const statement of grant.principalStatements) {
    for (const action of statement.actions) {
      if (action.includes('*')) acknowledge(scope, `AwsSolutions-IAM5[Action::${action}]`, reason);
    }
    for (const resource of statement.resources) {
      const rendered = nagReference(scope, resource);
      if (rendered.includes('*')) acknowledge(scope, `AwsSolutions-IAM5[Resource::${rendered}]`, reason);
    }
  }
}

/**
 * Acknowledges one cdk-nag finding (`AwsSolutions-IAM5[Resource::*]`) on `scope` and everything
 * below it, with the reason in code. The id is qualified with the plugin's namespace, so CDK
 * itself matches it against the AwsSolutions report and lists it, with its reason, among the
 * suppressed findings in the synth's validation report: an audit trail, not a silent skip.
 */
export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: `AwsSolutions::${id}`, reason });
}
