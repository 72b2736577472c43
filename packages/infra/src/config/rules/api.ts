import { CERTIFICATE_ARN } from '../schema.js';
import { defineRule, error, warning } from './rule.js';

export const apiRules = [
  // Certificate region and account.
  defineRule(['api', 'region', 'accounts'], ({ api, region, accounts }, report) => {
    const match = api.certificateArn === undefined ? null : CERTIFICATE_ARN.exec(api.certificateArn);
    if (match === null) return;
    const [, , arnRegion, arnAccount] = match;
    // A regional API's custom domain needs an ACM certificate of its own region, and ACM certificates
    // cannot be used from another account: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-regional-api-custom-domain-create.html
    if (arnRegion !== region) {
      report(
        error(
          'api.certificateArn',
          api.certificateArn,
          `is in ${arnRegion}, but the API is in ${region}`,
          `request or import the certificate in ACM in ${region}`,
        ),
      );
    }
    if (arnAccount !== accounts.networking) {
      report(
        error(
          'api.certificateArn',
          api.certificateArn,
          `belongs to account ${arnAccount}, but the API is in the networking account ${accounts.networking}`,
          `use a certificate of account ${accounts.networking}`,
        ),
      );
    }
  }),

  // Custom domain needs a certificate.
  defineRule(['api'], ({ api }, report) => {
    if (api.domainName !== undefined && api.certificateArn === undefined) {
      report(
        error(
          'api.domainName',
          api.domainName,
          'needs a certificate: API Gateway serves a custom domain only over TLS',
          `set api.certificateArn to an ACM certificate that covers ${api.domainName}`,
        ),
      );
    }
    if (api.certificateArn !== undefined && api.domainName === undefined) {
      report(
        warning(
          'api.certificateArn',
          api.certificateArn,
          'is unused without api.domainName',
          'set api.domainName, or remove api.certificateArn',
        ),
      );
    }
  }),
];
