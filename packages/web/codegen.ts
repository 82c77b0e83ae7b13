import type { CodegenConfig } from '@graphql-codegen/cli';
import { addTypenameSelectionDocumentTransform } from '@graphql-codegen/client-preset';

/**
 * Every result type of the dashboard comes from the served schema: components declare their
 * fragments with `graphql()` from `src/gql`, and this generates the typed documents.
 */
const config: CodegenConfig = {
  schema: '../api/schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**/*', '!src/**/*.test.{ts,tsx}'],
  ignoreNoDocuments: true,
  generates: {
    './src/gql/': {
      preset: 'client',
      presetConfig: {
        fragmentMasking: { unmaskFunctionName: 'getFragmentData' },
      },
      documentTransforms: [addTypenameSelectionDocumentTransform],
      config: {
        scalars: { Date: 'string', DateTime: 'string', SafeInt: 'number' },
        strictScalars: true,
        enumsAsTypes: true,
        useTypeImports: true,
        skipTypeNameForRoot: true,
      },
    },
  },
};

export default config;
