import { API_PATH } from '../schema.js';
import { defineRule, error } from './rule.js';

export const routeRules = [
  // The API's path is a route of the service.
  defineRule(['service'], ({ service }, report) => {
    if (!service.routes.includes(API_PATH)) {
      report(
        error(
          'service.routes',
          service.routes,
          `does not list ${API_PATH}, the path the API (step 8 on) forwards to the service, which would answer 404`,
          `add "${API_PATH}" to service.routes`,
        ),
      );
    }
  }),

  // Routes are listed once.
  defineRule(['service'], ({ service }, report) => {
    service.routes.forEach((route, index) => {
      if (service.routes.indexOf(route) !== index) {
        report(
          error(`service.routes[${index}]`, route, 'repeats a route listed before', 'list each route once'),
        );
      }
    });
  }),
];
