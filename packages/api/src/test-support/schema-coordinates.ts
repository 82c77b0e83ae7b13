import { getNamedType, parse, TypeInfo, visit, visitWithTypeInfo, type GraphQLSchema } from 'graphql';

/** The schema coordinates (`Type.field`) a document selects, introspection fields left out. */
export function selectedCoordinates(schema: GraphQLSchema, query: string): Set<string> {
  const coordinates = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  visit(
    parse(query),
    visitWithTypeInfo(typeInfo, {
      Field() {
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (parent && field && !field.name.startsWith('__')) coordinates.add(`${getNamedType(parent).name}.${field.name}`);
      },
    }),
  );
  return coordinates;
}
