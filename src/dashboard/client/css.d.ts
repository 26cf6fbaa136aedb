// esbuild bundles the stylesheet a page's entry imports into <entry>.css beside its script.
declare module '*.css';
