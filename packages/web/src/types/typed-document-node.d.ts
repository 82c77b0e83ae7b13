/*
 * The generated documents in src/gql import their types from `@graphql-typed-document-node/core`,
 * which the client preset and Apollo Client use but the dashboard does not install directly
 * (pnpm keeps it out of reach). These are that package's (3.2.0) types, structurally identical,
 * so Apollo's hooks infer results from our documents. Types only: nothing is imported at runtime.
 */
declare module '@graphql-typed-document-node/core' {
  import type { DocumentNode } from 'graphql';

  export interface DocumentTypeDecoration<TResult, TVariables> {
    __apiType?: (variables: TVariables) => TResult;
  }
  export interface TypedDocumentNode<TResult = { [key: string]: any }, TVariables = { [key: string]: any }>
    extends DocumentNode,
      DocumentTypeDecoration<TResult, TVariables> {}
  export type ResultOf<T> = T extends DocumentTypeDecoration<infer ResultType, infer _VariablesType> ? ResultType : never;
  export type VariablesOf<T> = T extends DocumentTypeDecoration<infer _ResultType, infer VariablesType> ? VariablesType : never;
}
