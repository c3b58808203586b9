import type { Static } from '@sinclair/typebox';
import type {
  bodyTransformsSchema,
  headerTransformsSchema,
  routeSchema,
  routesFileSchema,
} from './routes.schema';

export type { HttpMethod } from './routes.schema';

/** What a routes file declares, after validation: derived from `routesFileSchema`, field names the file's own. */
export type RoutesDocument = Static<typeof routesFileSchema>;

/** One declared pass-through route (see `routeSchema` for each field). */
export type RouteDefinition = Static<typeof routeSchema>;

export type RouteTransforms = NonNullable<RouteDefinition['transforms']>;
export type HeaderTransforms = Static<typeof headerTransformsSchema>;
export type RequestTransforms = NonNullable<RouteTransforms['request']>;
export type ResponseTransforms = NonNullable<RouteTransforms['response']>;
export type BodyTransforms = Static<typeof bodyTransformsSchema>;
