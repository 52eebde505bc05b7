// Vite bundles the admin app's stylesheets; TypeScript only needs to know the import exists.
declare module '*.css';
