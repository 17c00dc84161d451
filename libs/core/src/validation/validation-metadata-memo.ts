import { getMetadataStorage } from 'class-validator';

type Storage = ReturnType<typeof getMetadataStorage>;
type Target = Parameters<Storage['getTargetValidationMetadatas']>[0];
type Rules = ReturnType<Storage['getTargetValidationMetadatas']>;

let installed = false;

/**
 * class-validator 0.15 works out a class's rules on every validation of every object by scanning
 * every class it knows (an `instanceof` per class, for inherited rules): about 3 % of the API's CPU
 * on checkout and search at c=32 (profiles in bench/README.md), and growing with each DTO added.
 * The answer depends only on its arguments and on the rules registered, which are all registered
 * when the classes load; so it is remembered per arguments, and forgotten whenever a rule is added.
 * Installed once per process, before the first validation (createHttpApp).
 */
export function rememberValidationMetadata(): void {
  if (installed) return;
  installed = true;
  const storage = getMetadataStorage();
  const lookup = storage.getTargetValidationMetadatas.bind(storage);
  const addMetadata = storage.addValidationMetadata.bind(storage);
  const addSchema = storage.addValidationSchema.bind(storage);
  let remembered = new Map<Target, Map<string, Rules>>();
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0001') ?? ''}`;
    let byKey = remembered.get(target);
    if (!byKey) remembered.set(target, (byKey = new Map()));
    let rules = byKey.get(key);
    if (!rules) byKey.set(key, (rules = lookup(target, schema, always, strictGroups, groups)));
    return rules;
  };
  storage.addValidationMetadata = (metadata) => {
    remembered = new Map();
    addMetadata(metadata);
  };
  storage.addValidationSchema = (schema) => {
    remembered = new Map();
    addSchema(schema);
  };
}
