package crawl_test

import (
	"testing"

	"github.com/cloudfacts/ingest/crawl"
	"github.com/cloudfacts/ingest/crawl/crawltest"
)

func TestMemStoreContract(t *testing.T) {
	crawltest.StoreContract(t, func(*testing.T) crawl.Store { return crawl.NewMemStore() })
}
