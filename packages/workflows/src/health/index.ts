/**
 * Tenant health: whether the tenant's API answers as available. Import it from `@cortex-
 * sdk/workflows/health` to load only the declarations this concern needs (the package root loads every
 * concern's).
 *
 * @module
 */
export { TenantHealth, type HealthShapes } from "./namespace.js";
