import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, ParseOptions, ValidationContext, ValidationRule } from 'graphql';
import { SecurityConfig } from '../config';
import { queryTooComplex } from './request-errors';

export interface DocumentLimits {
  validationRules: ValidationRule[];
  parseOptions: ParseOptions;
}

type RejectCallback = (context: ValidationContext | null, error: GraphQLError) => void;

/** Reports a limit as QUERY_TOO_COMPLEX (armor's own report is a BAD_USER_INPUT "Syntax Error"). */
function reject(reason: string): RejectCallback[] {
  return [(context, error) => context?.reportError(queryTooComplex(error.message.replace(/^Syntax Error: /, ''), reason))];
}

/**
 * Shape limits checked before anything runs. Depth, aliases and directives are graphql-armor's
 * validation rules. Its Apollo token plugin is left off: it throws from `parsingDidStart`, outside
 * Apollo's error handling, so an over-long document got HTTP 500; graphql-js counts the same
 * lexer tokens inside `parse` instead, which Apollo answers as a parse failure with 400. Armor's
 * cost rule is off too (see cost.plugin.ts), and so is its suggestion masking (see error-format.ts).
 */
export function documentLimits(config: SecurityConfig): DocumentLimits {
  const armor = new ApolloArmor({
    maxDepth: {
      n: config.maxDepth,
      flattenFragments: true,
      ignoreIntrospection: true,
      propagateOnRejection: false,
      onReject: reject('MAX_DEPTH'),
    },
    maxAliases: { n: config.maxAliases, propagateOnRejection: false, onReject: reject('MAX_ALIASES') },
    maxDirectives: { n: config.maxDirectives, propagateOnRejection: false, onReject: reject('MAX_DIRECTIVES') },
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  });
  return { validationRules: armor.protect().validationRules, parseOptions: { maxTokens: config.maxTokens } };
}

/** graphql-js words its token-limit parse error "Document contains more that N tokens. Parsing aborted." */
const TOKEN_LIMIT_MESSAGE = /^Syntax Error: Document contains more th(?:at|an) (\d+) tokens/;

/** The client-facing message for a parse failure caused by the token limit; null for any other. */
export function tokenLimitMessage(parseError: string): string | null {
  const match = TOKEN_LIMIT_MESSAGE.exec(parseError);
  return match ? `The document has more than ${match[1]} tokens.` : null;
}
