import { join } from 'node:path';
import ts from 'typescript';

/** What the code writes into audit entries' before/after, read from the types at every recordAudit call. */
export interface AuditPayloads {
  /** Every key, at any depth, with the call sites writing it. */
  keys: Map<string, Set<string>>;
  /** String literal values by the key they stand under. */
  values: Map<string, Set<string>>;
  /** Payload parts whose keys the types do not tell (an index signature, `unknown`): path and call site. */
  untyped: string[];
  /** Setting keys passed to changeSetting (entries of type `setting` are identified by them). */
  settingKeys: Set<string>;
  callSites: number;
}

const root = join(import.meta.dirname, '../..');

/**
 * Wrappers that hand values on to recordAudit from a type parameter: for each call of the wrapper, the type of
 * the argument's property that carries the audited value.
 */
const wrappers: Record<string, { argument: number; property: string }> = {
  changeSetting: { argument: 2, property: 'value' },
};

function program(): ts.Program {
  const host = { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined };
  const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), {}, host)!;
  const sources = config.fileNames.filter((f) => f.startsWith(join(root, 'src') + '/'));
  return ts.createProgram(sources, config.options);
}

/** Reads the audit payload types of every recordAudit call (and wrapper call) in src/. */
export function auditPayloads(): AuditPayloads {
  const prog = program();
  const checker = prog.getTypeChecker();
  const found: AuditPayloads = {
    keys: new Map(),
    values: new Map(),
    untyped: [],
    settingKeys: new Set(),
    callSites: 0,
  };
  const add = (map: Map<string, Set<string>>, key: string, value: string): void => {
    (map.get(key) ?? map.set(key, new Set()).get(key)!).add(value);
  };

  const walk = (type: ts.Type, key: string, path: string, where: string, depth: number): void => {
    if (depth > 8) return;
    if (type.isUnion()) {
      for (const t of type.types) walk(t, key, path, where, depth);
      return;
    }
    if (type.isStringLiteral()) {
      add(found.values, key, type.value);
      return;
    }
    const plain =
      ts.TypeFlags.StringLike |
      ts.TypeFlags.NumberLike |
      ts.TypeFlags.BooleanLike |
      ts.TypeFlags.Null |
      ts.TypeFlags.Undefined |
      ts.TypeFlags.Never;
    if (type.flags & plain) return;
    if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.TypeParameter)) {
      found.untyped.push(`${path || '(整个值)'}：${checker.typeToString(type)}（${where}）`);
      return;
    }
    if (checker.isArrayType(type) || checker.isTupleType(type)) {
      for (const t of checker.getTypeArguments(type as ts.TypeReference)) walk(t, key, `${path}[]`, where, depth + 1);
      return;
    }
    if (type.getSymbol()?.name === 'Date') return;
    if (checker.getIndexInfosOfType(type).length > 0)
      found.untyped.push(`${path || '(整个值)'}：${checker.typeToString(type)}（${where}）`);
    for (const property of checker.getPropertiesOfType(type)) {
      add(found.keys, property.name, where);
      const child = path ? `${path}.${property.name}` : property.name;
      walk(checker.getTypeOfSymbol(property), property.name, child, where, depth + 1);
    }
  };

  for (const file of prog.getSourceFiles()) {
    if (file.isDeclarationFile || !file.fileName.startsWith(join(root, 'src'))) continue;
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
        const name = node.expression.text;
        const where = `${file.fileName.slice(root.length + 1)}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
        const event = name === 'recordAudit' ? node.arguments[4] : undefined;
        if (event) {
          found.callSites += 1;
          const type = checker.getTypeAtLocation(event);
          for (const side of ['before', 'after']) {
            const property = type.getProperty(side);
            if (!property) continue;
            const sideType = checker.getTypeOfSymbolAtLocation(property, event);
            // A wrapper's own call passes a type parameter on: its callers' types are read below.
            if (Object.hasOwn(wrappers, enclosingFunctionName(node) ?? '') && isGeneric(sideType)) continue;
            walk(sideType, side, '', where, 0);
          }
        }
        const wrapper = wrappers[name];
        const argument = wrapper ? node.arguments[wrapper.argument] : undefined;
        if (wrapper && argument) {
          found.callSites += 1;
          const type = checker.getTypeAtLocation(argument);
          const value = type.getProperty(wrapper.property);
          if (value) walk(checker.getTypeOfSymbolAtLocation(value, argument), '', '', where, 0);
          // The key as written (a constant), not as the wrapper's parameter widens it.
          const key = ts.isObjectLiteralExpression(argument)
            ? argument.properties.find((p) => p.name && ts.isIdentifier(p.name) && p.name.text === 'key')
            : undefined;
          const keyType = key && ts.isPropertyAssignment(key) ? checker.getTypeAtLocation(key.initializer) : undefined;
          if (keyType?.isStringLiteral()) found.settingKeys.add(keyType.value);
          else found.untyped.push(`设置项的 key 不是字面量（${where}）`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return found;

  function isGeneric(type: ts.Type): boolean {
    const parts = type.isUnion() ? type.types : [type];
    return parts.some((t) => (t.flags & ts.TypeFlags.TypeParameter) !== 0 || checker.getIndexInfosOfType(t).length > 0);
  }
}

function enclosingFunctionName(node: ts.Node): string | undefined {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent)
    if (ts.isFunctionDeclaration(n) && n.name) return n.name.text;
  return undefined;
}
